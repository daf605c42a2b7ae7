-- GetRecommendations (POST /recommendations) for users user-0 … user-(USERS-1), numResults 25.
-- wrk -s get_recommendations.lua URL -- CAMPAIGN_ARN USERS
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

setup = common.setup
response = common.response
done = common.done

local campaignArn
local users
local sequence = 0

function init(args)
   campaignArn = args[1]
   users = tonumber(args[2])
   sequence = thread_index * 7919
end

local headers = {["Content-Type"] = "application/json"}

function request()
   local user = (sequence * 7919) % users
   sequence = sequence + 1
   local body = string.format('{"campaignArn":"%s","userId":"user-%d","numResults":25}', campaignArn, user)
   return wrk.format("POST", "/recommendations", headers, body)
end
