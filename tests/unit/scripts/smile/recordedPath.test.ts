import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordedPath } from '../../../../scripts/smile/recordedPath';

describe('recordedPath', () => {
  it('records a data set beside the checkout as ../shared/datasets/<name>, wherever it is found', () => {
    expect(recordedPath('/elsewhere/shared/datasets/smiles-train')).toBe('../shared/datasets/smiles-train');
    expect(recordedPath('../shared/datasets/smiles-dev', '/anywhere')).toBe('../shared/datasets/smiles-dev');
  });

  it('records anything else relative to the given root (the working directory by default), with forward slashes', () => {
    const root = resolve('/project');
    expect(recordedPath(join(root, 'tests', 'fixtures', 'smile-eval'), root)).toBe('tests/fixtures/smile-eval');
    expect(recordedPath('tests/fixtures/smile-eval')).toBe('tests/fixtures/smile-eval');
  });

  it('does not take a file inside a data set for the data set', () => {
    expect(recordedPath('/project/shared/datasets/smiles-train/smile/a.png', '/project')).toBe('shared/datasets/smiles-train/smile/a.png');
  });
});
