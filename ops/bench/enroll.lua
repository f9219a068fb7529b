-- wrk script: every request enrolls a new device (fresh random WireGuard public key) with the
-- setup key in the SETUP_KEY environment variable. Non-200 answers are counted and reported.
local setup_key = os.getenv("SETUP_KEY")
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local failures = 0
local counter = 0

local function random_public_key()
  -- 32 random bytes in standard base64: 42 full 6-bit characters, one of 2 bits, then '='.
  local chars = {}
  for i = 1, 42 do
    local n = math.random(0, 63)
    chars[i] = alphabet:sub(n + 1, n + 1)
  end
  local last = math.random(0, 3) * 16
  chars[43] = alphabet:sub(last + 1, last + 1)
  return table.concat(chars) .. "="
end

function setup(thread)
  thread:set("id", tostring(math.random(1, 1e9)))
end

function init(args)
  math.randomseed(os.time() + tonumber(id))
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"setup_key":"%s","wireguard_public_key":"%s","hostname":"wrk-%s-%d","os":"linux","kernel_version":"6.1","daemon_version":"bench"}',
    setup_key, random_public_key(), id, counter)
  return wrk.format("POST", "/api/netloom/enroll", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("wrk: %d requests, %d non-2xx reported by wrk, %.0f requests/s\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({ 50, 99 }) do
    io.write(string.format("latency p%d: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max: %.2f ms\n", latency.max / 1000))
end
