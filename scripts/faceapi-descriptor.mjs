// Computes face descriptors with face-api.js itself, on the pure-JavaScript CPU backend of the
// TensorFlow.js bundled in @vladmandic/face-api (no native add-on), to check our converted dlib
// model against the network it came from.
//
//   node scripts/faceapi-descriptor.mjs [--dlib-input] FACE_API_PACKAGE_DIR CHIP.rgb...
//
// Each CHIP.rgb holds one aligned 150x150 face chip as raw RGB bytes (row-major, 67500 bytes).
// Prints one JSON array of 128 numbers per chip and line.
//
// face-api.js normalises pixels as (p - mean) / 255 where dlib uses (p - mean) / 256. With
// --dlib-input each pixel is first mapped to mean + (p - mean) * 255 / 256, so that the network
// sees exactly the tensor dlib feeds it and only the weights and layers are compared.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MEAN_RGB = [122.782, 117.001, 104.298];
let args = process.argv.slice(2);
const dlibInput = args[0] === '--dlib-input';
if (dlibInput) args = args.slice(1);
const [pkgDir, ...chips] = args;
if (!pkgDir || chips.length === 0) {
  console.error('usage: node faceapi-descriptor.mjs [--dlib-input] FACE_API_PACKAGE_DIR CHIP.rgb...');
  process.exit(2);
}

// The ESM bundle targets browsers; hide Node.js while it loads so that it does not reach for
// Node-only modules it was bundled without, then give TensorFlow.js a minimal platform.
// The package does not declare "type": "module", so Node.js before 20.10 (Debian 12 has 18)
// would parse dist/face-api.esm.js as CommonJS and fail on its `export`; a copy named .mjs is
// an ES module to every Node.js version. The bundle is self-contained (it imports nothing).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faceapi-'));
const bundle = path.join(tmp, 'face-api.esm.mjs');
fs.copyFileSync(path.join(pkgDir, 'dist', 'face-api.esm.js'), bundle);
const versions = process.versions;
Object.defineProperty(process, 'versions', { value: {}, configurable: true });
let faceapi;
try {
  faceapi = await import(pathToFileURL(bundle).href);
} finally {
  Object.defineProperty(process, 'versions', { value: versions, configurable: true });
  fs.rmSync(tmp, { recursive: true, force: true });
}
const { tf } = faceapi;
tf.setPlatform('node-plain', {
  fetch: (url, init) => fetch(url, init),
  now: () => performance.now(),
  encode: (text) => new TextEncoder().encode(text),
  decode: (bytes, encoding) => new TextDecoder(encoding).decode(bytes),
  isTypedArray: (a) => ArrayBuffer.isView(a) && !(a instanceof DataView),
  setTimeoutCustom: (f, ms) => setTimeout(f, ms),
});
await tf.setBackend('cpu');
await tf.ready();
faceapi.env.setEnv(faceapi.env.createNodejsEnv());

const modelDir = path.join(pkgDir, 'model');
const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'face_recognition_model-weights_manifest.json'), 'utf8'));
const shards = manifest[0].paths.map((p) => fs.readFileSync(path.join(modelDir, p)));
const all = Buffer.concat(shards);
const weights = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), manifest[0].weights);
faceapi.nets.faceRecognitionNet.loadFromWeightMap(weights);

for (const chip of chips) {
  const bytes = fs.readFileSync(chip);
  if (bytes.length !== 150 * 150 * 3) {
    console.error(`${chip}: expected 67500 bytes of RGB, got ${bytes.length}`);
    process.exit(1);
  }
  const pixels = Float32Array.from(bytes);
  if (dlibInput) {
    for (let i = 0; i < pixels.length; i++) {
      const mean = MEAN_RGB[i % 3];
      pixels[i] = mean + (pixels[i] - mean) * (255 / 256);
    }
  }
  const input = tf.tensor4d(pixels, [1, 150, 150, 3]);
  const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input);
  input.dispose();
  console.log(JSON.stringify(Array.from(descriptor)));
}
