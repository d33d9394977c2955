import modelFile from './smileModel.json';
import type { SmileModelFile } from './smileScorer';

/**
 * The trained smile model shipped with the kiosk (regenerate with `npx tsx scripts/train-smile-model.ts` when
 * ../shared/datasets/smiles-dev is present). The JSON records how it was trained, its nested cross-validation
 * figures, and its figures on a held-out quarter of the images that no choice was made on.
 */
export const smileModel: SmileModelFile = modelFile as SmileModelFile;
