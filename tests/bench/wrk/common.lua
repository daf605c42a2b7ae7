-- Shared by the wrk scripts of tests/bench/endpoint_load.py: counts the replies that are not 200 and,
-- when wrk is done, prints one line the script reads:
--   FOOTFALL_RESULT requests=… seconds=… p50_us=… p99_us=… raw_p50_us=… raw_p99_us=… … first_non200=…
--
-- wrk corrects its latency histogram for coordinated omission before it prints it or calls done():
-- each request that took longer than the mean interval between requests of a connection, runtime /
-- (requests / connections), adds synthetic samples at that latency minus 1, 2, … intervals, the
-- latencies requests sent at a steady rate would have seen. p50_us and p99_us are those, as wrk
-- prints them. raw_p50_us and raw_p99_us are each request's own time: the histogram with the
-- correction undone (wrk 4.1's stats struct, read through LuaJIT's FFI; the total is checked against
-- the request count, and -1 is printed if it does not match). The connection count comes from the
-- environment (FOOTFALL_WRK_CONNECTIONS), since done() does not get wrk's arguments.
local ffi = require("ffi")
local common = {}

local threads = {}
local nextThread = 0

-- The main state: give each thread its index (it seeds the thread's distinct sentAt and eventId values).
function common.setup(thread)
   thread:set("thread_index", nextThread)
   nextThread = nextThread + 1
   table.insert(threads, thread)
end

non200 = 0
firstNon200 = ""

function common.response(status, headers, body)
   if status ~= 200 then
      non200 = non200 + 1
      if firstNon200 == "" then
         firstNon200 = tostring(status) .. " " .. string.sub(body or "", 1, 200)
      end
   end
end

-- The raw histogram (value in µs → count) behind wrk's corrected one, as a sorted array of
-- {value, count}, and its total; nil if it cannot be recovered.
local function rawHistogram(summary, latency)
   local connections = tonumber(os.getenv("FOOTFALL_WRK_CONNECTIONS") or "")
   if not connections or connections < 1 then
      return nil
   end
   -- struct stats { uint64_t count, limit, min, max; uint64_t data[]; } (wrk 4.1 src/stats.h)
   local ok, fields = pcall(function() return ffi.cast("uint64_t**", latency)[0] end)
   if not ok then
      return nil
   end
   local lowest, highest = tonumber(fields[2]), tonumber(fields[3])
   if summary.requests == 0 or lowest > highest then
      return {}, 0
   end
   local perConnection = math.floor(summary.requests / connections)
   local interval = perConnection > 0 and math.floor(summary.duration / perConnection) or 0
   -- corrected[m] = raw[m] + the sum of raw[m + k * interval] (k ≥ 1) for every m > interval, so
   -- walking down, raw[m] = corrected[m] minus the raw counts already seen in m's residue class.
   local sums = {}
   local values = {}
   local total = 0
   for value = highest, lowest, -1 do
      local count = tonumber(fields[4 + value])
      if interval > 0 and value > interval then
         local residue = value % interval
         local seen = sums[residue] or 0
         count = count - seen
         if count < 0 then
            return nil
         end
         sums[residue] = seen + count
      end
      if count > 0 then
         values[#values + 1] = {value, count}
         total = total + count
      end
   end
   -- Requests slower than wrk's --timeout are counted as timeouts, not recorded.
   if total > summary.requests or total < summary.requests - summary.errors.timeout then
      return nil
   end
   return values, total
end

-- wrk's own rule (stats_percentile): the first value whose cumulative count reaches the rank.
local function percentile(values, total, p)
   if not values or total == 0 then
      return -1
   end
   local rank = math.floor(p / 100 * total + 0.5 + 0.5)
   local cumulative = 0
   for i = #values, 1, -1 do
      cumulative = cumulative + values[i][2]
      if cumulative >= rank then
         return values[i][1]
      end
   end
   return values[1][1]
end

function common.done(summary, latency, requests)
   local values, total = rawHistogram(summary, latency)
   local bad = 0
   local first = ""
   for _, thread in ipairs(threads) do
      bad = bad + (thread:get("non200") or 0)
      local sample = thread:get("firstNon200") or ""
      if first == "" and sample ~= "" then
         first = sample
      end
   end
   local e = summary.errors
   local socketErrors = e.connect + e.read + e.write + e.timeout
   first = string.gsub(first, "[%c]", " ")
   io.write(string.format(
      "FOOTFALL_RESULT requests=%.0f seconds=%.6f p50_us=%.0f p99_us=%.0f raw_p50_us=%.0f raw_p99_us=%.0f " ..
      "max_us=%.0f non200=%.0f socket_errors=%.0f timeouts=%.0f first_non200=%s\n",
      summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
      percentile(values, total, 50), percentile(values, total, 99), latency.max, bad, socketErrors, e.timeout,
      first))
end

return common
