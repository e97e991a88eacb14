-- wrk script for scripts/load.sh. Two request mixes, chosen by the first script argument
-- (`wrk ... -s scripts/load.lua -- zipf|old`):
--
-- zipf (default): what a public search site sees. A head of ~420 distinct requests (words of
--   the index from frequent to rare, two-word queries, phrases, facet filters, pages 2-3,
--   sorts, typos, HTML pages, suggest prefixes, item pages) drawn with a Zipf skew (s = 1,
--   ranks over a fixed shuffle so popularity is not tied to the kind of request), plus a
--   long tail: 25 % of requests are random two-word queries with a random year filter and
--   order (~140,000 combinations), which seldom repeat. A response cache therefore sees a
--   realistic hit rate (at most ~75 %), not 100 %. Fixed seeds: every run sends the same
--   sequence per thread.
-- old: the 16 requests of the first load test, round robin (kept for comparison).
-- dump: print the head's requests, most popular first, and exit (to check them).
--
-- The words come from the generated corpus of perf-scale-* (and the seeds); the item ids below
-- exist in perf-scale-100000. Ids given after the mix (`-- zipf ID ID …`) replace them:
-- scripts/load.sh passes ids of the served index when the first one below is not in it.

local old_paths = {
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

-- Words of the index, from the most to the least frequent (counted in the generated corpus).
local words = {
  "niveau", "fagligt", "lægedækning", "beslutning", "kommune", "indsatser", "kommunerne",
  "sønderjylland", "sundhedsaftalen", "orientering", "klyngemidler", "esbjerg", "borgere",
  "syddanmark", "sundhedsråd", "arbejde", "psykiatri", "demens", "praksis", "rekruttering",
  "målgruppen", "gruppen", "varde", "indsats", "opioider", "oplæg", "temadrøftelse", "faglige",
  "fanø", "sundhedsklyngens", "rusmiddelproblematik", "besluttede", "forbindelse", "håndteres",
  "regionerne", "samarbejde", "indfasning", "psykiatrisk", "implementeringen", "revideret",
  "anbefalinger", "tilbuddet", "forberedelse", "medicinske", "udspillet", "indholdet",
  "sundhedsaftaleperiode", "protokollen", "katalog", "formidling", "forretningsudvalget",
  "mundtlig", "overordnede", "risikerer", "regionsrådene", "økonomiske", "tilgang",
  "rusmiddelforskning", "nikotinafhængighed", "opstartsmøde", "mangel", "evidensbaserede",
  "akutplanen", "hoveduddannelseslæger", "kompetencer", "nikotinprodukter", "forskningsleder",
  "hoftenær", "høringsparter", "rekrutteringsteam", "landsplan", "medicinens", "begrundelser",
  "nærhospitaller", "præstationsfremmende", "indlæggelse", "samspillet", "kombinationen",
  "tilbageholdende", "telemedicin", "hjemmemonitorering", "sundhedsreform", "akutområdet",
  "almen", "sygeplejersker", "casekatalog", "udmeldingen", "velkomst", "trivsel", "misbrug",
}
local phrases = {
  "fagligt strategisk", "resterende klyngemidler", "kommende møder", "resterende midler",
  "tværgående fokus", "politiske fokusområder", "alment praktiserende", "kommunale regi",
  "kommunale sygeplejersker", "lead projekt", "hidtidige samarbejde", "opdateret casekatalog",
  "kom trygt hjem", "almen praksis", "forholdsvis højt",
}
local typos = {
  "lægedækkning", "laegedaekning", "psykiatry", "demmens", "rekrutering", "kommunne",
  "sygeplejesker", "indsattser", "orientring", "esbjer", "telemedecin", "opiider",
  "borger", "sundhedsreformen", "akutomraadet",
}
local facets = {
  "klynge=Sydjylland", "klynge=S%C3%B8nderjylland", "klynge=Lilleb%C3%A6lt", "klynge=Fyn",
  "niveau=Politisk+niveau", "niveau=Fagligt+strategisk+niveau", "niveau=Direkt%C3%B8rkreds",
  "kommune=Esbjerg", "kommune=Odense", "kommune=Varde", "fokusomraade=Demens",
  "fokusomraade=Psykiatri", "aar=2023", "aar=2024", "aar=2025", "beslutningstype=godkendt",
}
local items = {
  "sundhedsdirektoerkredsen/direktoerkreds/2023-06-26/punkt-5",
  "arbejdsgruppe-for-psykiatri-i-fyn/politisk-niveau/2024-10-28/punkt-7",
  "sundhedsklynge-soenderjylland/politisk-niveau/2022-07-01/punkt-10",
  "arbejdsgruppe-for-laegedaekning-i-fyn/fagligt-strategisk-niveau/2024-10-03/punkt-9",
  "sundhedsdirektoerkredsen/direktoerkreds/2023-09-26/punkt-4",
  "sundhedsklynge-sydjylland/fagligt-strategisk-niveau/2023-09-05/punkt-6",
  "sundhedsraad-fyn/politisk-niveau/2026-06-12/punkt-9",
  "arbejdsgruppe-for-psykiatri-i-fyn/politisk-niveau/2022-02-01/punkt-9",
  "sundhedsklynge-sydvestjylland/fagligt-strategisk-niveau/2024-05-09/punkt-2",
  "arbejdsgruppe-for-psykiatri-i-sydvestjylland/politisk-niveau/2022-05-30/punkt-5",
  "sundhedsdirektoerkredsen/direktoerkreds/2022-08-15/punkt-1",
  "sundhedsdirektoerkredsen/direktoerkreds/2024-07-01/punkt-3",
  "sundhedsklynge-fyn/politisk-niveau/2022-03-08/punkt-2",
  "sundhedsklynge-lillebaelt/fagligt-strategisk-niveau/2024-02-02/punkt-1",
  "sundhedsklynge-lillebaelt/politisk-niveau/2022-12-29/punkt-2",
  "sundhedsraad-lillebaelt/fagligt-strategisk-niveau/2026-09-29/punkt-5",
  "sundhedsklynge-soenderjylland/politisk-niveau/2022-12-12/punkt-3",
  "sundhedsklynge-lillebaelt/politisk-niveau/2022-10-06/punkt-5",
  "sundhedsklynge-sydjylland/politisk-niveau/2022-05-19/punkt-10",
  "arbejdsgruppe-for-psykiatri-i-fyn/politisk-niveau/2025-03-26/punkt-5",
}

local function encode(s)
  return (s:gsub("[^%w%-%.%_%~ ]", function(c)
    return string.format("%%%02X", string.byte(c))
  end):gsub(" ", "+"))
end

-- Park-Miller minimal standard generator: exact in doubles, the same in every Lua.
local state = 1
local function seed(s) state = s % 2147483646 + 1 end
local function random() -- in [0, 1)
  state = (state * 16807) % 2147483647
  return (state - 1) / 2147483646
end
local function pick(list) return list[math.floor(random() * #list) + 1] end

local function head_requests()
  local out = {}
  local function add(path) out[#out + 1] = path end
  local search = "/api/v1/search?q="
  for _, w in ipairs(words) do add(search .. encode(w)) end
  for i = 1, 40 do add("/?q=" .. encode(words[i])) end
  for i = 1, 40 do add(search .. encode(words[i] .. " " .. words[(i * 7) % #words + 1])) end
  for _, p in ipairs(phrases) do add(search .. encode('"' .. p .. '"')) end
  for i, f in ipairs(facets) do
    add(search .. encode(words[i]) .. "&" .. f)
    add(search .. encode(words[i + 20]) .. "&" .. f)
    add("/?q=" .. encode(words[i + 40]) .. "&" .. f)
  end
  for i = 1, 20 do
    add(search .. encode(words[i]) .. "&page=2")
    add(search .. encode(words[i]) .. "&page=3")
    add(search .. encode(words[i + 5]) .. "&sort=" .. (i % 2 == 0 and "newest" or "oldest"))
  end
  for _, t in ipairs(typos) do add(search .. encode(t)) end
  for i = 1, 40 do
    local w = words[i]
    add("/api/v1/suggest?q=" .. encode(w:sub(1, 3 + i % 3)))
  end
  for i, id in ipairs(items) do
    add("/api/v1/items/" .. id)
    if i <= 10 then add("/punkt/" .. id) end
  end
  add("/api/v1/facets")
  add("/")
  return out
end

-- A random two-word query with a random year filter and order: the long tail (page 1 only:
-- rare pairs have few hits, and deep pages are for broad queries).
local function tail_request()
  local q = encode(pick(words) .. " " .. pick(words))
  local year = pick({"", "&aar=2022", "&aar=2023", "&aar=2024", "&aar=2025", "&aar=2026"})
  local sort = pick({"", "", "&sort=newest"})
  return "/api/v1/search?q=" .. q .. year .. sort
end

local mix = "zipf"
local head, cumulative = {}, {}
local counter = 0
local TAIL_SHARE = 0.25

function setup(thread)
  thread_count = (thread_count or 0) + 1
  thread:set("thread_id", thread_count)
end

function init(args)
  mix = args[1] or "zipf"
  if mix ~= "zipf" and mix ~= "old" and mix ~= "dump" then
    error("unknown mix `" .. mix .. "`: use zipf, old or dump")
  end
  if #args > 1 then
    items = {}
    for i = 2, #args do items[#items + 1] = args[i] end
  end
  -- The same shuffle in every thread; a different draw sequence per thread.
  seed(20261124)
  head = head_requests()
  for i = #head, 2, -1 do
    local j = math.floor(random() * i) + 1
    head[i], head[j] = head[j], head[i]
  end
  local total = 0
  for rank = 1, #head do
    total = total + 1 / rank
    cumulative[rank] = total
  end
  for rank = 1, #head do cumulative[rank] = cumulative[rank] / total end
  seed(7919 * (thread_id or 1))
  if mix == "dump" then
    -- `wrk -t1 -c1 -d1s -s scripts/load.lua URL -- dump`: the head, most popular first.
    for _, path in ipairs(head) do io.write(path, "\n") end
    os.exit(0)
  end
end

-- The first rank whose cumulative weight reaches u (binary search).
local function zipf_rank(u)
  local lo, hi = 1, #cumulative
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end

function request()
  counter = counter + 1
  if mix == "old" then
    return wrk.format("GET", old_paths[(counter % #old_paths) + 1])
  end
  if random() < TAIL_SHARE then
    return wrk.format("GET", tail_request())
  end
  return wrk.format("GET", head[zipf_rank(random())])
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d, errors: %d (non-2xx/3xx: %d)\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout, summary.errors.status))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%s: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("throughput: %.0f req/s\n", summary.requests / (summary.duration / 1e6)))
end
