/**
 * A project file handed over from another technician names the PBX profile of the computer it was exported
 * on. Importing it here keeps every row and the notes; a profile this computer has stays chosen, one it does
 * not have is dropped and the technician is told to choose the site's PBX on the Site screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Project } from '../../shared/domain/project';
import { sampleRows } from '../support/rows';
import { type ProfilesHarness, startProfilesHarness, withoutSecretService } from './harness';

withoutSecretService();

let h: ProfilesHarness;
afterEach(async () => {
  await h?.close();
});

describe('importing a project file whose PBX profile this computer may not have', () => {
  it('keeps a known profile; drops an unknown one with a notice saying what to do, losing no row', async () => {
    h = await startProfilesHarness({ https: false });
    const profile = await h.createProfile();
    const site = await h.ok('projects:create', { name: 'Harbour Tower', notes: 'Gate code 4711', pbxProfileId: profile.id });
    await h.ok('projects:save-rows', { id: site.id, rows: sampleRows(12) });
    const exported = await h.ok('projects:export', { id: site.id });

    const same = await h.ok('projects:import', { text: exported.text });
    expect(same).toMatchObject({ pbxProfileId: profile.id, notice: null, rowCount: 12 });

    // The same file as another computer would have written it: its profile id does not exist here.
    const file = JSON.parse(exported.text) as { project: Project };
    const elsewhere = JSON.stringify({ ...file, project: { ...file.project, pbxProfileId: 'profile-on-another-laptop' } });
    const imported = await h.ok('projects:import', { text: elsewhere });
    expect(imported).toMatchObject({ name: 'Harbour Tower', notes: 'Gate code 4711', pbxProfileId: null, rowCount: 12 });
    expect(imported.notice).toMatch(/planned for a PBX that is not set up on this computer/);
    expect(imported.notice).toMatch(/choose its PBX on the Site screen/);
    expect(imported.notice).toMatch(/All 12 rows were imported/);

    const stored = await h.ok('projects:get', { id: imported.id });
    expect(stored.pbxProfileId).toBeNull();
    expect(stored.rows.map((r) => [r.mac, r.extension, r.location])).toEqual(file.project.rows.map((r) => [r.mac, r.extension, r.location]));
    // Nothing still points at the missing profile: the list shows no PBX, and the technician can choose this one.
    expect((await h.ok('projects:list', {})).projects.find((p) => p.id === imported.id)?.pbxProfileId).toBeNull();
    expect(await h.ok('projects:update', { id: imported.id, pbxProfileId: profile.id })).toMatchObject({ pbxProfileId: profile.id });
  });
});
