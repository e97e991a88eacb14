-- wrk script for scripts/load.sh: a fixed, realistic mix of search requests (JSON API and
-- the HTML search page), taken round robin so every run sends the same mix. Also counts
-- answers that are not 200 (wrk's summary lumps 3xx with 2xx).
local paths = {
  "/api/v1/search?q=l%C3%A6ged%C3%A6kning",                                   -- single word
  "/api/v1/search?q=rekruttering",
  "/api/v1/search?q=l%C3%A6ged%C3%A6kning+rekruttering+almen+praksis",        -- several words
  "/api/v1/search?q=%22kom+trygt+hjem%22",                                    -- phrase
  "/api/v1/search?q=sundhedsreform&klynge=Fyn&aar=2024",                      -- facet-filtered
  "/api/v1/search?q=psykiatri&niveau=Politisk+niveau",
  "/api/v1/search?q=l%C3%A6ged%C3%A6kkning",                                  -- typo
  "/api/v1/search?q=laegedaekning",                                           -- folded spelling
  "/api/v1/search?q=sundhedsreform&page=2",                                   -- page 2
  "/api/v1/search?q=beslutning%3Agodkendt",                                   -- field-scoped
  "/api/v1/search?q=praksis*",                                                -- prefix
  "/api/v1/search?q=demens&sort=newest",
  "/?q=l%C3%A6ged%C3%A6kning",                                                -- HTML page
  "/?q=akutomr%C3%A5det&klynge=Syd",
  "/api/v1/suggest?q=l%C3%A6ge",                                              -- autocomplete
  "/api/v1/search?q=telemedicin+hjemmemonitorering",
}
local counter = 0
local not_ok = 0

function init(args)
  counter = tonumber(args[1] or "0") or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d, errors: %d\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%s: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("throughput: %.0f req/s\n", summary.requests / (summary.duration / 1e6)))
end
