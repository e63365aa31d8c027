// Process entry. Most of a cold start is Node compiling some 1,700 modules (the TypeScript ones
// type-stripped first), so their compiled code is kept between starts; this must run before
// anything else is imported. The cache sits beside the stylesheet's, owned by whoever installed
// Accord (not a shared temporary folder); NODE_COMPILE_CACHE, when set, wins. If the folder
// cannot be written (a read-only install), Node goes on without the cache.
import module from 'node:module';
import path from 'node:path';

module.enableCompileCache({
  directory: path.resolve(import.meta.dirname, '../node_modules/.cache/accord/compiled'),
});

await import('./server.ts');
