import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogin, startServer } from '../../src/server';
import { login, readWholeFeed, tokenFor } from '../integration/server/support/client';
import { latestOf, pushOne } from '../integration/server/support/mutations';
import { seriousViolations } from './support/axe';
import { launchChromium, openConsole, type Console } from './support/browser';
import { createCaseAsOfficer, type FieldShift, startFieldShift } from './support/field';
import { fileDispute, uploadCasePhotos } from './support/photos';
import { startServerLink, type ServerLink } from './support/review';

type Server = Awaited<ReturnType<typeof startServer>>;

const SHOTS = '/tmp/kvue-shots';
const ALL_HANDS = 'Kommunale Verkehrsüberwachung – alle';

/**
 * Issue #6, "Done when" (the clerk's part): a clerk asks the officer of a case for a statement,
 * the field simulator answers as that officer, and the answer shows in the conversation and on
 * the case; a message written offline arrives once; a channel is read-only for a clerk, and the
 * server refuses the clerk's post to it. In Chromium through the browser host, real server.
 */
describe('messaging with the field, through the browser host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-e2e-messaging-'));
  let server: Server;
  let link: ServerLink;
  let browser: Browser;
  let clerk: Console;
  let page: Page;
  let field: FieldShift;

  const conversationItem = (title: string) =>
    page.getByTestId('conversation-item').filter({ hasText: title });
  const messages = () => page.getByTestId('conversation').getByTestId('message');
  const message = (text: string) => messages().filter({ hasText: text });

  async function showMessages() {
    await page.keyboard.press('Alt+N');
    await page.getByTestId('messages-screen').waitFor();
  }

  async function serverMessages(body: string) {
    const token = await tokenFor(server.url, demoLogin('clerk').username);
    const { changes } = await readWholeFeed(server.url, token);
    // Distinct ids: a message sent twice would be two messages, one recorded twice is one.
    return [
      ...new Set(
        latestOf(changes, 'message')
          .filter((m) => m.body === body)
          .map((m) => m.id),
      ),
    ];
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ dataDir: join(dir, 'server'), port: 0, seed: { cases: 20 } });
    link = await startServerLink(server.port);
    browser = await launchChromium();
    clerk = await openConsole(browser, {
      dir,
      name: 'clerk',
      serverUrl: link.url,
      credentials: demoLogin('clerk'),
    });
    page = clerk.page;
    // Officer-01 (Maria Huber, the demo officer) on shift: reads the feed every half second and
    // answers statement requests about her cases.
    field = startFieldShift(server.url, { officers: 1, seed: 5, statementPhotoShare: 0 });
  });

  afterAll(async () => {
    await field?.stop();
    await clerk?.close();
    await browser?.close();
    await link?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the officer from a case; her answer shows in the conversation and on the case', async () => {
    await field.onShift;
    const kase = await createCaseAsOfficer(server.url, { id: randomUUID(), plate: 'M-ST 4711' });
    await uploadCasePhotos(server.url, kase, 2);
    await fileDispute(server.url, kase.id);
    const row = page.locator(`[data-testid="case-row"][data-case-id="${kase.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.getByTestId('message-officer').click();
    const question = `Bitte um Stellungnahme zu ${kase.fileNumber}: lag ein Parkschein aus?`;
    const dialog = page.getByTestId('message-officer-dialog');
    await dialog.getByRole('textbox').fill(question);
    // One of the case's two photos goes with the question.
    await dialog.getByRole('checkbox', { name: 'Foto 2 anhängen' }).check({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Senden' }).click();
    await page.getByTestId('message-officer-sent').waitFor();

    // "Unterhaltung öffnen" continues in the conversation with the officer.
    await page.getByTestId('message-officer-open').click();
    await expect
      .poll(() => page.getByTestId('conversation').locator('h2').textContent())
      .toBe('Maria Huber');
    await message(question).waitFor();
    await expect.poll(() => message(question).locator('img').count()).toBe(1);
    await expect
      .poll(() => message(question).getByTestId('message-case').textContent())
      .toContain(kase.fileNumber);

    // The simulated officer answers in the same conversation, about the same case.
    const answer = messages().filter({ hasText: 'Maria Huber' }).last();
    await answer.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => answer.getByTestId('message-case').textContent())
      .toContain(kase.fileNumber);
    await page.screenshot({ path: join(SHOTS, 'messages-statement.png') });

    // Read on screen: the receipt reaches the server and the unread badge goes.
    await expect.poll(() => page.getByTestId('nav-unread').count(), { timeout: 10_000 }).toBe(0);

    // One click on the case reference opens the case, whose timeline has both messages.
    await answer.getByTestId('message-case').click();
    const pane = page.getByTestId('messages-screen').getByTestId('case-pane');
    await expect.poll(() => pane.locator('h2').first().textContent()).toContain(kase.fileNumber);
    await expect
      .poll(
        () =>
          pane.getByTestId('case-timeline').locator('li').filter({ hasText: 'Nachricht' }).count(),
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(SHOTS, 'messages-case.png') });
    // In a 1024-pixel window the conversation list makes room for the case and the conversation.
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect
      .poll(async () => (await page.getByTestId('conversation').boundingBox())?.width ?? 0)
      .toBeGreaterThan(380);
    expect(await page.getByTestId('conversation-list').isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'messages-case-1024.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await pane.getByTestId('case-timeline').click();
    await page.keyboard.press('Escape');
    await pane.waitFor({ state: 'detached' });
  });

  it('finds a message by search and opens its conversation at it', async () => {
    await showMessages();
    await page.getByTestId('message-search').fill('parkschein');
    const hit = page.getByTestId('message-hit').first();
    await hit.waitFor();
    expect(await hit.textContent()).toContain('Maria Huber');
    await hit.click();
    await expect
      .poll(() => page.getByTestId('conversation').locator('h2').textContent())
      .toBe('Maria Huber');
    await page.getByTestId('message-search').press('Escape');
    await page.getByTestId('conversation-list').waitFor();
  });

  it('sends a message written offline exactly once after reconnecting', async () => {
    await showMessages();
    await conversationItem('Maria Huber').click();
    link.disconnect();
    await page
      .locator('[data-testid="sync-state"][data-state="offline"]')
      .waitFor({ timeout: 15_000 });
    const body = `Offline geschrieben ${randomUUID().slice(0, 8)}`;
    await page.getByTestId('composer-input').fill(body);
    await page.getByTestId('composer-input').press('Enter');
    await expect
      .poll(() => message(body).getByTestId('message-delivery').getAttribute('data-state'))
      .toBe('pending');
    expect(await page.getByTestId('composer-input').inputValue()).toBe('');

    link.reconnect();
    await expect
      .poll(() => message(body).getByTestId('message-delivery').getAttribute('data-state'), {
        timeout: 30_000,
      })
      .not.toBe('pending');
    await expect.poll(async () => (await serverMessages(body)).length).toBe(1);
    // Another pull changes nothing: still one, on the server and on screen.
    await page.locator('[data-testid="sync-state"][data-state="idle"]').waitFor();
    expect(await serverMessages(body)).toHaveLength(1);
    expect(await message(body).count()).toBe(1);
  });

  it('offers a clerk no composer in a channel, and the server refuses a post', async () => {
    await showMessages();
    // Dispatching is for team leads: a clerk's console does not offer it.
    expect(await page.getByTestId('nav-dispatch').count()).toBe(0);
    await conversationItem(ALL_HANDS).click();
    await page.getByTestId('channel-read-only').waitFor();
    expect(await page.getByTestId('composer').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'messages-channel.png') });

    const token = await tokenFor(server.url, demoLogin('clerk').username);
    const lead = await tokenFor(server.url, demoLogin('team_lead').username);
    const { changes } = await readWholeFeed(server.url, lead);
    const channel = latestOf(changes, 'conversation').find((c) => c.title === ALL_HANDS);
    if (!channel) throw new Error('no all-hands channel');
    const result = await pushOne(server.url, token, {
      id: randomUUID(),
      kind: 'message',
      conversationId: channel.id,
      body: 'Darf ich hier schreiben?',
    });
    expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('notifies of a direct message on the desktop, not while do-not-disturb, and opens it', async () => {
    // The browser's notifications, recorded: headless Chromium shows none.
    await page.addInitScript(`
      window.__notices = [];
      window.Notification = class {
        static permission = 'granted';
        static requestPermission() { return Promise.resolve('granted'); }
        constructor(title, options) {
          this.title = title;
          this.body = options?.body;
          window.__notices.push(this);
        }
        close() {}
      };
    `);
    await page.reload();
    await page.getByTestId('case-row').first().waitFor();
    const notices = () =>
      page.evaluate<{ title: string; body: string }[]>(
        `window.__notices.map((n) => ({ title: n.title, body: n.body }))`,
      );

    const officer = await login(server.url, demoLogin('officer').username);
    const list = await clerk.app.impl['conversations.list']({});
    const direct = list.items.find((c) => c.title === 'Maria Huber');
    if (!direct) throw new Error('no conversation with Maria Huber');
    const say = (body: string) =>
      pushOne(server.url, officer.accessToken, {
        id: randomUUID(),
        kind: 'message',
        conversationId: direct.id,
        body,
      });

    // In the queue: the officer's message is noticed on the desktop, and she sees it delivered.
    const first = await say('Bin gleich am Königsplatz.');
    expect(first.status).toBe('applied');
    await expect
      .poll(notices, { timeout: 10_000 })
      .toEqual([{ title: 'Maria Huber', body: 'Bin gleich am Königsplatz.' }]);
    const clerkId = (await login(server.url, demoLogin('clerk').username)).user.id;
    await expect
      .poll(async () => {
        const { changes } = await readWholeFeed(server.url, officer.accessToken);
        return latestOf(changes, 'receipt').some(
          (r) => r.messageId === first.id && r.userId === clerkId && r.deliveredAt !== null,
        );
      })
      .toBe(true);

    // Do not disturb: the next one only counts as unread.
    await page.getByTestId('do-not-disturb').click();
    expect((await say('Foto ist hochgeladen.')).status).toBe('applied');
    await expect
      .poll(() => page.getByTestId('nav-unread').textContent(), { timeout: 10_000 })
      .toBe('2');
    expect(await notices()).toHaveLength(1);
    await page.getByTestId('do-not-disturb').click();

    // A click on the notice opens the conversation in the messages area.
    await page.evaluate(`window.__notices[0].onclick()`);
    await page.getByTestId('messages-screen').waitFor();
    await expect
      .poll(() => page.getByTestId('conversation').locator('h2').textContent())
      .toBe('Maria Huber');
    await message('Foto ist hochgeladen.').waitFor();
  });

  it('has no serious accessibility violations in the messages area', async () => {
    await showMessages();
    await conversationItem('Maria Huber').click();
    await messages().first().waitFor();
    expect(await seriousViolations(page, '[data-testid="messages-screen"]')).toEqual([]);
    await page.keyboard.press('Alt+A');
    await page.getByTestId('case-row').first().waitFor();
  });
});
