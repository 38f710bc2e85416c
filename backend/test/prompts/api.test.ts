import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSend, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';
import { promptPath } from './client.js';

let spanlight: TestSpanlight;
let api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
  api = (method, path, body) => apiSend(spanlight.apiUrl, method, path, body);
});
afterAll(async () => {
  await spanlight?.close();
});

const create = (body: Record<string, unknown>) => api('POST', '/api/public/v2/prompts', body);

describe('versions and labels', () => {
  it('numbers versions, keeps latest on the newest, a label on one version and tags shared', async () => {
    const v1 = await create({ name: 'greet', prompt: 'Hi {{name}}', labels: ['production'], tags: ['a'], config: { t: 1 } });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ name: 'greet', version: 1, type: 'text', labels: ['production', 'latest'], tags: ['a'], createdBy: 'API', isActive: true, config: { t: 1 }, commitMessage: null });
    const v2 = await create({ name: 'greet', prompt: 'Hello {{name}}', labels: ['production'], commitMessage: 'friendlier' });
    expect(v2.body).toMatchObject({ version: 2, tags: ['a'], commitMessage: 'friendlier', config: {} });
    const v3 = await create({ name: 'greet', prompt: 'Yo', labels: ['staging'], tags: ['b'] });
    expect(v3.body.version).toBe(3);

    const byVersion = async (v: number) => (await api('GET', promptPath('greet', `version=${v}`))).body;
    expect(await byVersion(1)).toMatchObject({ labels: [], tags: ['b'], isActive: false });
    expect(await byVersion(2)).toMatchObject({ labels: ['production'], tags: ['b'] });
    expect(await byVersion(3)).toMatchObject({ labels: ['staging', 'latest'], tags: ['b'] });

    const production = await api('GET', promptPath('greet'));
    expect(production.body).toMatchObject({ version: 2, prompt: 'Hello {{name}}', resolutionGraph: null });
    expect((await api('GET', promptPath('greet', 'label=latest'))).body.version).toBe(3);

    const moved = await api('PATCH', '/api/public/v2/prompts/greet/versions/1', { newLabels: ['production'] });
    expect(moved.status).toBe(200);
    expect(moved.body.labels).toEqual(['production']);
    expect((await api('GET', promptPath('greet'))).body.version).toBe(1);
    expect((await byVersion(2)).labels).toEqual([]);
  });

  it('refuses another type for an existing name, and latest in PATCH', async () => {
    await create({ name: 'typed', prompt: 'x' });
    const chat = await create({ name: 'typed', type: 'chat', prompt: [{ role: 'system', content: 'x' }] });
    expect(chat.status).toBe(400);
    expect(chat.body.message).toMatch(/different prompt type/);
    const latest = await api('PATCH', '/api/public/v2/prompts/typed/versions/1', { newLabels: ['latest'] });
    expect(latest.status).toBe(400);
    const missing = await api('PATCH', '/api/public/v2/prompts/typed/versions/9', { newLabels: ['x'] });
    expect(missing).toMatchObject({ status: 404, body: { message: 'Prompt not found: typed', error: 'LangfuseNotFoundError' } });
  });

  it('gives concurrent creates of one name distinct versions', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => create({ name: 'busy', prompt: `p${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const latest = await api('GET', promptPath('busy', 'label=latest'));
    expect(latest.body.version).toBe(12);
    const list = await api('GET', '/api/public/v2/prompts?name=busy');
    expect(list.body.data[0].labels).toEqual(['latest']);
  });
});

describe('errors and validation', () => {
  it('answers Langfuse 404 messages and 400 for version with label', async () => {
    expect(await api('GET', promptPath('nope'))).toMatchObject({
      status: 404,
      body: { message: "Prompt not found: 'nope' with label 'production'", error: 'LangfuseNotFoundError' },
    });
    expect((await api('GET', promptPath('nope', 'label=dev'))).body.message).toBe("Prompt not found: 'nope' with label 'dev'");
    expect((await api('GET', promptPath('nope', 'version=3'))).body.message).toBe("Prompt not found: 'nope' with version 3");
    expect((await api('GET', promptPath('nope', 'version=1&label=x'))).status).toBe(400);
    expect((await api('DELETE', promptPath('nope'))).status).toBe(404);
  });

  it.each([
    ['empty', ''],
    ['a pipe', 'a|b'],
    ['html', '<b>x</b>'],
    ['a leading slash', '/a'],
    ['a trailing slash', 'a/'],
    ['double slashes', 'a//b'],
    ['the reserved name', 'new'],
    ['too long', 'x'.repeat(256)],
  ])('rejects a name with %s', async (_, name) => {
    const res = await create({ name, prompt: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid request data');
  });

  it.each([['Upper'], ['with space'], ['x'.repeat(37)], ['']])('rejects the label %j', async (label) => {
    expect((await create({ name: 'labelled', prompt: 'x', labels: [label] })).status).toBe(400);
  });

  it('rejects chat variables that collide with placeholders', async () => {
    const res = await create({
      name: 'clash',
      type: 'chat',
      prompt: [{ role: 'user', content: '{{history}}' }, { type: 'placeholder', name: 'history' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/history/);
  });
});

describe('folders, listing and deletion', () => {
  it('serves names with slashes URL-encoded and lists with filters and pages', async () => {
    await create({ name: 'team/support/answer', prompt: 'a', labels: ['production'], tags: ['support'] });
    await create({ name: 'team/support/answer', prompt: 'b', config: { model: 'm' } });
    await create({ name: 'team/sales/pitch', prompt: 'c', tags: ['sales'] });
    expect((await api('GET', promptPath('team/support/answer'))).body).toMatchObject({ name: 'team/support/answer', version: 1 });

    const all = await api('GET', '/api/public/v2/prompts?limit=100');
    const answer = all.body.data.find((p: any) => p.name === 'team/support/answer');
    expect(answer).toMatchObject({ type: 'text', versions: [1, 2], labels: ['latest', 'production'], tags: ['support'], lastConfig: { model: 'm' } });
    expect(typeof answer.lastUpdatedAt).toBe('string');

    expect((await api('GET', '/api/public/v2/prompts?tag=sales')).body.data.map((p: any) => p.name)).toEqual(['team/sales/pitch']);
    const byLabel = await api('GET', '/api/public/v2/prompts?label=production&name=team/support/answer');
    expect(byLabel.body.data).toEqual([expect.objectContaining({ versions: [1], labels: ['production'] })]);

    const page1 = await api('GET', '/api/public/v2/prompts?limit=1&page=1');
    const page2 = await api('GET', '/api/public/v2/prompts?limit=1&page=2');
    expect(page1.body.meta).toMatchObject({ page: 1, limit: 1, totalItems: all.body.meta.totalItems, totalPages: all.body.meta.totalItems });
    expect(page1.body.data[0].name < page2.body.data[0].name).toBe(true);
    expect((await api('GET', '/api/public/v2/prompts?limit=101')).status).toBe(400);
  });

  it('deletes by version, by label and all, moving latest to the newest remaining version', async () => {
    for (const prompt of ['1', '2', '3']) await create({ name: 'doomed', prompt, labels: prompt === '1' ? ['stable'] : [] });
    expect((await api('DELETE', promptPath('doomed', 'version=3'))).status).toBe(204);
    expect((await api('GET', promptPath('doomed', 'label=latest'))).body.version).toBe(2);
    expect((await api('DELETE', promptPath('doomed', 'label=stable'))).status).toBe(204);
    expect((await api('GET', promptPath('doomed', 'version=1'))).status).toBe(404);
    expect((await api('DELETE', promptPath('doomed'))).status).toBe(204);
    expect((await api('GET', promptPath('doomed', 'label=latest'))).status).toBe(404);
  });
});

describe('composition', () => {
  it('resolves tags server-side unless resolve=false, with the resolution graph', async () => {
    const base = await create({ name: 'base', prompt: 'Be concise.', labels: ['production'] });
    const tone = await create({ name: 'tone', prompt: 'Tone: friendly. @@@langfusePrompt:name=base|version=1@@@', labels: ['production'] });
    const root = await create({
      name: 'assistant',
      type: 'chat',
      prompt: [{ role: 'system', content: '@@@langfusePrompt:name=tone|label=production@@@ Help {{user}}.' }, { type: 'placeholder', name: 'history' }],
      labels: ['production'],
    });
    expect(root.status).toBe(201);
    const resolved = await api('GET', promptPath('assistant'));
    expect(resolved.body.prompt).toEqual([
      { role: 'system', content: 'Tone: friendly. Be concise. Help {{user}}.' },
      { type: 'placeholder', name: 'history' },
    ]);
    expect(resolved.body.resolutionGraph).toEqual({
      root: { id: root.body.id, name: 'assistant', version: 1 },
      dependencies: {
        [root.body.id]: [{ id: tone.body.id, name: 'tone', version: 1 }],
        [tone.body.id]: [{ id: base.body.id, name: 'base', version: 1 }],
      },
    });
    const raw = await api('GET', promptPath('assistant', 'resolve=false'));
    expect(raw.body.prompt[0].content).toContain('@@@langfusePrompt:name=tone|label=production@@@');

    // A new production child changes the parent's resolved text at once (the cache is invalidated).
    await create({ name: 'tone', prompt: 'Tone: formal.', labels: ['production'] });
    expect((await api('GET', promptPath('assistant'))).body.prompt[0].content).toBe('Tone: formal. Help {{user}}.');

    const blocked = await api('DELETE', promptPath('base', 'version=1'));
    expect(blocked.status).toBe(400);
    expect(blocked.body.message).toMatch(/tone v1 depends on base v1/);
  });

  it('rejects cycles with 409, chat children, missing children and nesting deeper than 5', async () => {
    await create({ name: 'cyc-a', prompt: 'A', labels: ['production'] });
    await create({ name: 'cyc-b', prompt: 'B @@@langfusePrompt:name=cyc-a|label=production@@@', labels: ['production'] });
    const cycle = await create({ name: 'cyc-a', prompt: 'A2 @@@langfusePrompt:name=cyc-b|label=production@@@', labels: ['production'] });
    expect(cycle).toMatchObject({ status: 409, body: { error: 'LangfuseConflictError' } });
    expect(cycle.body.message).toMatch(/Circular dependency/);
    await create({ name: 'selfish', prompt: 'S' });
    const self = await create({ name: 'selfish', prompt: 'S2 @@@langfusePrompt:name=selfish|version=1@@@' });
    expect(self.status).toBe(409);

    await create({ name: 'chatty', type: 'chat', prompt: [{ role: 'user', content: 'x' }] });
    const chatChild = await create({ name: 'uses-chat', prompt: '@@@langfusePrompt:name=chatty|version=1@@@' });
    expect(chatChild.status).toBe(400);
    expect(chatChild.body.message).toMatch(/not a text prompt/);
    const missing = await create({ name: 'uses-missing', prompt: '@@@langfusePrompt:name=ghost|label=production@@@' });
    expect(missing.body.message).toBe('Prompt dependency not found: ghost - label production');

    await create({ name: 'level-0', prompt: 'bottom' });
    for (let i = 1; i <= 4; i++) {
      const res = await create({ name: `level-${i}`, prompt: `@@@langfusePrompt:name=level-${i - 1}|version=1@@@` });
      expect(res.status).toBe(201);
    }
    const tooDeep = await create({ name: 'level-5', prompt: '@@@langfusePrompt:name=level-4|version=1@@@' });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.message).toMatch(/Maximum nesting depth/);
  });
});

describe('legacy v1 routes', () => {
  it('creates with isActive and reads by name and version', async () => {
    const created = await api('POST', '/api/public/prompts', { name: 'old-style', prompt: 'v1', isActive: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, isActive: true, labels: ['production', 'latest'] });
    await api('POST', '/api/public/prompts', { name: 'old-style', prompt: 'v2', isActive: false });
    expect((await api('GET', '/api/public/prompts?name=old-style')).body).toMatchObject({ version: 1, isActive: true });
    expect((await api('GET', '/api/public/prompts?name=old-style&version=2')).body).toMatchObject({ prompt: 'v2', isActive: false });
    expect(await api('GET', '/api/public/prompts?name=missing')).toMatchObject({ status: 404, body: { message: 'Prompt not found' } });
  });
});
