// The bench's command line: `npm run bench [-- --size S|M|L|S,M,L] [--quick] [--seed N] [--no-build]
// [--levels 1,2,4,8] [--only rounds]`.
import { SIZES } from './sizes.js';

export function parseArgs(argv) {
  const opts = {
    sizes: ['S', 'M', 'L'],
    quick: false,
    seed: 42,
    build: true,
    levels: [1, 2, 4, 8],
    only: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--size' || a === '--sizes') opts.sizes = value().toUpperCase().split(',');
    else if (a === '--quick') opts.quick = true;
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--no-build') opts.build = false;
    else if (a === '--levels') opts.levels = value().split(',').map(Number);
    else if (a === '--only') opts.only = value();
    else throw new Error(`unknown option ${a}`);
  }
  for (const s of opts.sizes) if (!SIZES[s]) throw new Error(`--size must be S, M or L (got ${s})`);
  if (opts.only !== null && opts.only !== 'rounds') throw new Error(`--only takes rounds (got ${opts.only})`);
  return opts;
}
