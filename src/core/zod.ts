// zod for every schema in the app: zod/mini (the functional API), with English issue messages.
// Classic zod's method API keeps all of zod in any bundle that imports it (JSON-schema generation
// included): about 16 KB of the gzipped Worker. Import `* as z from './zod'`, never 'zod' itself.
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config(en());

export * from 'zod/mini';
