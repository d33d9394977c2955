import { existsSync } from 'node:fs';
import { KioskError } from '../../../common/contract';
import type { ReprintBlock, ReprintRefusal } from '../../../common/postcardContract';
import type { CardStore } from './cardStore';
import type { PrintJob } from './printJobStore';

export type { ReprintBlock, ReprintRefusal };

/**
 * Why the operator may not reprint `job` now, or null when they may. Only a failed job is reprinted
 * (a done page came out; a waiting one will), once (a double tap must not print two cards), and only
 * while its card is still on the kiosk: unexpired and its file present (the sweep or a hand may have
 * deleted it). A test page can always be reprinted: its image is drawn, not stored.
 */
export function reprintBlock(job: PrintJob, store: CardStore): ReprintBlock | null {
  if (job.status !== 'failed') return 'not_failed';
  if (job.reprintedBy) return 'already_reprinted';
  if (job.cardId) {
    const card = store.byId(job.cardId);
    if (!card || !existsSync(card.path)) return 'card_gone';
  }
  return null;
}

const REFUSED: Record<ReprintRefusal, { code: 'NOT_FOUND' | 'CONFLICT'; message: string }> = {
  unknown_job: { code: 'NOT_FOUND', message: 'no such print job (cleared by the operator, or pruned from the history)' },
  not_failed: { code: 'CONFLICT', message: 'only a failed print job can be reprinted' },
  already_reprinted: { code: 'CONFLICT', message: 'this print job has already been reprinted' },
  card_gone: { code: 'NOT_FOUND', message: 'the card of this print job has expired or been deleted: the visitor needs to make a new one' },
};

/** The contract's error for a refused reprint; `reason` lets the operator screen word it in its own language. */
export function reprintRefused(reason: ReprintRefusal): KioskError {
  return new KioskError({ ...REFUSED[reason], reason });
}
