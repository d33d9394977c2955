import modelFile from './smileModel.json';
import type { SmileModelFile } from './smileScorer';

/**
 * The trained smile model shipped with the kiosk (regenerate with `npx tsx scripts/train-smile-model.ts` when
 * ../shared/datasets/smiles-dev is present; the JSON records how it was trained and its cross-validated metrics).
 */
export const smileModel: SmileModelFile = modelFile as SmileModelFile;
