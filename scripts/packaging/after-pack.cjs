// electron-builder's afterPack hook (`afterPack: scripts/packaging/after-pack.cjs`). electron-builder
// loads hooks as plain JavaScript; the fuse logic is TypeScript (fuses.ts), loaded through tsx.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS is what the hook file must be
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = async function afterPack(context) {
  await tsxRequire('./fuses.ts', __filename).afterPack(context);
};
