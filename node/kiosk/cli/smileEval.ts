import { parseArgs } from 'node:util';
import { smileModel } from '../../../common/smile/smileModel';
import { evaluateSmileFolder, type SmileEvalOptions, type SmileEvalResult } from '../smile/evaluateSmileFolder';
import { loadFaceApi, type FaceApiBackend } from '../smile/loadFaceApi';

const USAGE = `usage: npm run smile:eval -- <folder> [--classifier model|happy|raw] [--threshold T] [--pad F] [--detector-threshold D] [--roll DEG] [--align on|off] [--backend wasm|cpu]
  <folder> holds smile/ and no-smile/ subfolders of face images (.jpg/.png, any size).
  --classifier  model: the kiosk's trained smile model (default); happy: face-api's happy on the kiosk's crops;
                raw: face-api's documented detectAllFaces().withFaceExpressions() happy probability (the baseline)
  --threshold   decision threshold (default: the model's, or 0.5 for happy/raw)
  --pad         canvas side / image side when padding each image before detection (default: the model's)
  --detector-threshold  TinyFaceDetector confidence threshold (default: the model's analyzer setting, as in the kiosk)
  --align       level the eyes before the expression net (default: as the model was trained)
  --roll        rotate each image by +DEG or -DEG (alternately) first: a tilted-head stress test (default 0)
Prints one JSON line: images, detectionRate, accuracy, balancedAccuracy, rocAuc, threshold, msPerImage, modelVersion, ...
accuracy, balancedAccuracy and rocAuc are over the images whose face was detected (a face the detector misses is
not a visitor for the kiosk either); endToEndBalancedAccuracy counts every missed face as "not smiling".`;

/** Parses the command line and runs the evaluation. Exported for the tests. */
export async function runSmileEval(
  argv: readonly string[],
): Promise<SmileEvalResult & { backend: string; align: boolean; roll?: number; modelVersion: number }> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      classifier: { type: 'string', default: 'model' },
      threshold: { type: 'string' },
      pad: { type: 'string' },
      'detector-threshold': { type: 'string' },
      roll: { type: 'string' },
      align: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) throw new Error(USAGE);
  const classifier = values.classifier as SmileEvalOptions['classifier'];
  if (!['model', 'happy', 'raw'].includes(classifier)) throw new Error(`--classifier must be model, happy or raw\n${USAGE}`);
  const backend = values.backend as FaceApiBackend;
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu\n${USAGE}`);
  const number = (name: string, v: string | undefined, min: number, max: number) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!(n >= min && n <= max)) throw new Error(`--${name} must be a number from ${min} to ${max}, got ${v}`);
    return n;
  };
  const roll = number('roll', values.roll, -90, 90);
  if (values.align !== undefined && values.align !== 'on' && values.align !== 'off') throw new Error(`--align must be on or off\n${USAGE}`);
  const analyzer = {
    ...(values['detector-threshold'] === undefined
      ? {}
      : { scoreThreshold: number('detector-threshold', values['detector-threshold'], 0, 1) }),
    ...(values.align === undefined ? {} : { align: values.align === 'on' }),
  };
  const { faceapi, tf } = await loadFaceApi(backend);
  const result = await evaluateSmileFolder(faceapi, positionals[0]!, {
    classifier,
    model: smileModel,
    threshold: number('threshold', values.threshold, 0, 1),
    padFactor: number('pad', values.pad, 1, 10),
    roll,
    analyzer,
  });
  return {
    ...result,
    modelVersion: smileModel.version,
    backend: tf.getBackend(),
    align: { ...smileModel.analyzer, ...analyzer }.align === true,
    ...(roll ? { roll } : {}),
  };
}

if (process.argv[1] && /smileEval\.(ts|js|cjs|mjs)$/.test(process.argv[1])) {
  runSmileEval(process.argv.slice(2)).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
