import { describe, expect, it } from 'vitest';
import { projectFileName, safeFileName } from '../../shared/domain/project-file';

describe('file names from project names (exports of a project and of its CSV)', () => {
  it('keeps letters of any script, digits, spaces, dots, dashes and underscores', () => {
    expect(safeFileName('Klinik Süd 2.OG_b-3')).toBe('Klinik Süd 2.OG_b-3');
  });

  it('replaces what Windows, macOS or Linux refuse or misread, and control characters', () => {
    expect(safeFileName('Acme: HQ/B*?"<>|\\\u0007 x')).toBe('Acme- HQ-B- x');
  });

  it('falls back to "project" for a name with nothing usable, and caps the length', () => {
    expect(safeFileName('   ')).toBe('project');
    expect(safeFileName('a'.repeat(200))).toHaveLength(80);
  });

  it('dates a project export', () => {
    expect(projectFileName('Riverside / Clinic', new Date('2026-11-26T10:00:00Z'))).toBe('Riverside - Clinic 2026-11-26.onsite-project.json');
  });
});
