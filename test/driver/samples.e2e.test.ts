/** Realistic flows through the public sample apps (read in place from ../shared). */
import { describe, expect, it } from 'vitest';
import { sampleApp } from '../helpers/paths.ts';
import { replaySessions, sleep, swipe, type Browser } from './helpers.ts';

const current = async (b: Browser) => [await b.getCurrentPackage(), await b.getCurrentActivity()];
const tapId = async (b: Browser, id: string) => (await b.$(`id=${id}`)).click();
const exists = async (b: Browser, id: string) => (await b.findElements('id', id)).length > 0;

describe('office-compliant', () => {
  const open = replaySessions();
  const ID = 'cn.gov.example.office:id/';

  it('wrong login → login-error → @back keeps the typed text; right login → home (login replaced)', async () => {
    const b = await open(sampleApp('office-compliant'));
    await (await b.$(`id=${ID}et_user`)).setValue('demo');
    await (await b.$(`id=${ID}et_pwd`)).setValue('wrong');
    await tapId(b, `${ID}btn_login`);
    expect(await exists(b, `${ID}btn_ok`)).toBe(true); // login-error
    await tapId(b, `${ID}btn_ok`);
    expect(await current(b)).toEqual(['cn.gov.example.office', '.LoginActivity']);
    expect(await (await b.$(`id=${ID}et_user`)).getText()).toBe('demo');

    await (await b.$(`id=${ID}et_pwd`)).setValue('Demo@2026');
    await tapId(b, `${ID}btn_login`);
    expect(await current(b)).toEqual(['cn.gov.example.office', '.MainActivity']);
    await tapId(b, `${ID}tab_mine`);
    await tapId(b, `${ID}row_about`);
    expect(await b.getCurrentActivity()).toBe('.AboutActivity');
    await b.back();
    await b.back(); // mine replaced home: this pops the last screen
    expect(await b.getCurrentPackage()).toBe('com.android.launcher3');
  });
});

describe('study-portal', () => {
  const open = replaySessions();
  const ID = 'cn.gov.example.study:id/';

  // The exact timing of the splash is checked on a fake clock in test/driver/timing.test.ts.
  it('splash advances to home after 1 s; the player shows the time since launch', async () => {
    const b = await open(sampleApp('study-portal'));
    await sleep(1050);
    expect(await current(b)).toEqual(['cn.gov.example.study', '.MainActivity']);
    await tapId(b, `${ID}tab_study`);
    await tapId(b, `${ID}course_1`);
    expect(await b.getCurrentActivity()).toBe('.PlayerActivity');
    expect(await (await b.$(`id=${ID}study_time`)).getText()).toMatch(/^本次学习时长 00:00:0[1-9]$/);
  });

  it('stores characters beyond its text support as "?"', async () => {
    const b = await open(sampleApp('study-portal'));
    await b.setTimeout({ implicit: 3000 });
    await tapId(b, `${ID}tab_mine`); // waits for the splash to pass
    await tapId(b, `${ID}row_feedback`);
    const field = await b.$(`id=${ID}et_feedback`);
    await field.setValue('𠀀𪚥 意见');
    expect(await field.getText()).toBe('?? 意见');
  });
});

describe('river-patrol', () => {
  const open = replaySessions();

  it('starts on the permission dialog of another package, then scrolls its home screen', async () => {
    const b = await open(sampleApp('river-patrol'));
    expect(await b.getCurrentPackage()).toBe('com.android.permissioncontroller');
    expect(await b.queryAppState('cn.gov.example.patrol')).toBe(4);
    await tapId(b, 'com.android.permissioncontroller:id/permission_allow_foreground_only_button');
    expect(await current(b)).toEqual(['cn.gov.example.patrol', '.MainActivity']);
    const homeSource = await b.getPageSource();
    await swipe(b, { x: 540, y: 1800 }, { x: 540, y: 700 }); // finger up: scroll-down → home-2
    expect(await exists(b, 'cn.gov.example.patrol:id/row_records')).toBe(true);
    await swipe(b, { x: 540, y: 700 }, { x: 540, y: 1800 }); // scroll-up → home
    expect(await b.getPageSource()).toBe(homeSource);
  });
});
