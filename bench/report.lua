-- report.lua - wrk script for bench/run: an optional If-None-Match header, and one
-- machine-readable summary line at the end (no per-response Lua, which would
-- slow wrk down and skew the rates it measures).
--   INM=<etag>  sends If-None-Match: <etag> with every request
local inm = os.getenv("INM")
if inm and inm ~= "" then
	wrk.headers["If-None-Match"] = inm
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
		"BENCH requests=%d bytes=%d duration_us=%d non2xx3xx=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p99_us=%d\n",
		summary.requests, summary.bytes, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
		latency:percentile(50), latency:percentile(99)))
end
