-- One inbound message per request, each with its own external id; one author per ten messages, as in
-- LoadGenerator's batch rounds. Reads BENCH_INBOX (the inbox id), BENCH_TOKEN (a Bearer token) and
-- BENCH_RUN (a prefix that keeps the ids of one run apart from another's) from the environment.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = os.getenv("BENCH_RUN") .. "-" .. tid .. "-"
  path = "/api/v1/inboxes/" .. os.getenv("BENCH_INBOX") .. "/inbound"
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") }
end

function request()
  counter = counter + 1
  local author = tid * 100000 + math.floor(counter / 10)
  local body = '{"externalId":"' .. prefix .. counter .. '","author":{"externalId":"author-' .. author
    .. '","name":"Client ' .. author .. '"},"text":"Bonjour, ma box ne fonctionne plus depuis ce matin (ticket '
    .. counter .. '). Pouvez-vous m\'aider ?","visibility":"private"}'
  return wrk.format("POST", path, headers, body)
end
