import { describe, expect, it } from 'vitest';
import { readCmi5Launch, readXapiLaunch } from '../src/index';

const NIP = '198503302010011002';
const ACCOUNT = { homePage: 'https://siasn.bkn.go.id', name: NIP };
const page = (query: Record<string, string>) => ({
  search: `?${new URLSearchParams(query)}`,
  origin: 'https://lms.example.go.id',
  pathname: '/content/berakhlak/index.html',
});

describe('launch parameters', () => {
  it('reads the five cmi5 parameters, keeping the unit’s own smart-au parameter out of the way', () => {
    const query = new URLSearchParams({
      'smart-au': 'material:etika',
      endpoint: 'https://lrs.example.go.id/xapi/',
      fetch: 'https://lms.example.go.id/cmi5/fetch/abc',
      actor: JSON.stringify({ objectType: 'Agent', account: ACCOUNT }),
      registration: '0f4b3c52-8c1d-4a55-9f0e-6a2d7c1e9b10',
      activityId: 'https://smart-training.id/xapi/activities/course/berakhlak-2026/au/material/etika',
    });
    expect(readCmi5Launch(`?${query}`)).toEqual({
      endpoint: 'https://lrs.example.go.id/xapi/',
      fetch: 'https://lms.example.go.id/cmi5/fetch/abc',
      actor: { objectType: 'Agent', account: ACCOUNT },
      registration: '0f4b3c52-8c1d-4a55-9f0e-6a2d7c1e9b10',
      activityId: 'https://smart-training.id/xapi/activities/course/berakhlak-2026/au/material/etika',
    });
  });

  it('is no cmi5 launch without a fetch URL or with an actor that is not JSON', () => {
    const base = { endpoint: 'e', fetch: 'f', actor: '{}', registration: 'r', activityId: 'a' };
    expect(readCmi5Launch(`?${new URLSearchParams({ ...base, fetch: '' })}`)).toBeNull();
    expect(readCmi5Launch(`?${new URLSearchParams({ ...base, actor: 'siti' })}`)).toBeNull();
  });

  it('reads an xAPI launch with an xAPI 1.0 actor and takes activity_id as the activity', () => {
    const launch = readXapiLaunch(
      page({
        endpoint: 'https://lrs.example.go.id/xapi/',
        auth: 'Basic YTpi',
        actor: JSON.stringify({ objectType: 'Agent', name: 'Siti', account: ACCOUNT }),
        activity_id: 'https://smart-training.id/xapi/activities/course/berakhlak-2026',
      }),
    );
    expect(launch).toEqual({
      endpoint: 'https://lrs.example.go.id/xapi/',
      auth: 'Basic YTpi',
      actor: { objectType: 'Agent', name: 'Siti', account: ACCOUNT },
      activityId: 'https://smart-training.id/xapi/activities/course/berakhlak-2026',
    });
  });

  it('turns a Tin Can 0.9 mbox actor into an xAPI agent and falls back to the page address as the activity', () => {
    const launch = readXapiLaunch(
      page({ endpoint: 'https://lrs.example.go.id/xapi/', auth: 'Basic YTpi', actor: JSON.stringify({ name: ['Budi'], mbox: ['budi@example.go.id'] }) }),
    );
    expect(launch?.actor).toEqual({ objectType: 'Agent', name: 'Budi', mbox: 'mailto:budi@example.go.id' });
    expect(launch?.activityId).toBe('https://lms.example.go.id/content/berakhlak/index.html');
  });

  it('is no xAPI launch without auth, or with an actor that names nobody', () => {
    expect(readXapiLaunch(page({ endpoint: 'e', actor: JSON.stringify({ mbox: 'mailto:a@b' }) }))).toBeNull();
    expect(readXapiLaunch(page({ endpoint: 'e', auth: 'Basic x', actor: JSON.stringify({ name: 'Siti' }) }))).toBeNull();
  });
});
