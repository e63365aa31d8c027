// The yardstick: a bare Fastify 5 JSON hello-world, run as its own process on the same Node.
// `node bench/throughput/helloWorld.ts PORT`
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
console.log(`hello-world listening at http://127.0.0.1:${process.argv[2]}`);
