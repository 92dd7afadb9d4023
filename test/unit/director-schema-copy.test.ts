import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const copy = new URL('../fakes/director-schema.graphql', import.meta.url);
const shared = new URL('../../../shared/spec/director-schema.graphql', import.meta.url);

describe("the Director fake's schema", () => {
  it.skipIf(!existsSync(shared))('is the same as the shared spec', () => {
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });
});
