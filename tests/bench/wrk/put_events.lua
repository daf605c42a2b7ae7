-- PutEvents (POST /events) as botocore sends it, every request distinct.
-- wrk -s put_events.lua URL -- TRACKING_ID EVENTS_PER_REQUEST BASE_SENT_AT
-- Each event's sentAt is BASE_SENT_AT plus a millisecond count unique to the thread and the event,
-- so no event repeats another (the server counts the same sentAt and content as a duplicate); each
-- eventId is unique too (a repeated eventId would keep an event out of training).
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

setup = common.setup
response = common.response
done = common.done

local trackingId
local eventsPerRequest
local baseSentAt
local sequence = 0
local kThreadStrideMs = 100000000 -- 27.7 hours of milliseconds for each wrk thread

function init(args)
   trackingId = args[1]
   eventsPerRequest = tonumber(args[2])
   baseSentAt = tonumber(args[3])
   sequence = thread_index * kThreadStrideMs
end

local headers = {
   ["Content-Type"] = "application/json",
   ["User-Agent"] = "Boto3/1.26.27 Python/3.11.2 Linux/6.1.0 Botocore/1.29.27 wrk",
}

function request()
   local user = sequence % 20000
   local events = {}
   for i = 1, eventsPerRequest do
      local n = sequence
      sequence = sequence + 1
      events[i] = string.format(
         '{"eventType":"%s","sentAt":%.3f,"itemId":"item-%d","eventId":"w%d-%d"}',
         (n % 3 == 0) and "purchase" or "click", baseSentAt + n / 1000, (n * 7919) % 100000, thread_index, n)
   end
   local body = string.format('{"trackingId":"%s","userId":"user-%d","sessionId":"session-%d","eventList":[%s]}',
                              trackingId, user, user, table.concat(events, ","))
   return wrk.format("POST", "/events", headers, body)
end
