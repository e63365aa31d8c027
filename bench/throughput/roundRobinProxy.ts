// A small round-robin HTTP proxy in front of several Accord instances, in its own process so
// that it does not share an event loop with the load generator.
// `node bench/throughput/roundRobinProxy.ts PORT UPSTREAM_URL…`
import http from 'node:http';

const [port, ...upstreamUrls] = process.argv.slice(2);
if (!port || upstreamUrls.length === 0) {
  console.error('usage: roundRobinProxy.ts PORT UPSTREAM_URL…');
  process.exit(2);
}

const upstreams = upstreamUrls.map((address) => {
  const url = new URL(address);
  return {
    hostname: url.hostname,
    port: Number(url.port),
    agent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  };
});

let next = 0;
const server = http.createServer((request, response) => {
  const upstream = upstreams[next++ % upstreams.length] as (typeof upstreams)[number];
  const forwarded = http.request(
    {
      hostname: upstream.hostname,
      port: upstream.port,
      agent: upstream.agent,
      method: request.method,
      path: request.url,
      headers: request.headers,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  forwarded.on('error', (error) => {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
    response.end(`proxy: ${error.message}`);
  });
  request.pipe(forwarded);
});
server.keepAliveTimeout = 60_000;

server.listen(Number(port), '127.0.0.1', () => {
  console.log(`proxy listening at http://127.0.0.1:${port} → ${upstreamUrls.join(', ')}`);
});
