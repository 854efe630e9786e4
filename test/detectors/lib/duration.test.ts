import { describe, expect, it } from 'vitest';
import { counterTokens, parseDuration, scanTimes } from '../../../detectors/lib/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['00:12:31', 751],
    ['1:02:03', 3723],
    ['12:31', 751],
    ['2小时30分', 9000],
    ['2小时30分钟', 9000],
    ['3个小时', 10800],
    ['45分钟', 2700],
    ['30秒', 30],
    ['5分30秒', 330],
    ['1天2小时', 93600],
    ['36.5小时', 131400],
    ['１２：３１', 751],
  ])('%s → %i s', (s, seconds) => expect(parseDuration(s)).toBe(seconds));

  it.each(['1280分', '30分', '12:61', 'abc', '', '30秒2分', '6学时'])('%s is not a duration', (s) => expect(parseDuration(s)).toBeUndefined());
});

describe('scanTimes', () => {
  const kinds = (s: string) => scanTimes(s).map((t) => `${t.text}:${t.kind}`);

  it('reads labelled durations as durations', () => {
    expect(kinds('本次学习时长 00:12:31')).toEqual(['00:12:31:duration']);
    expect(kinds('学习时长 12:31')).toEqual(['12:31:duration']);
    expect(kinds('累计学习 36小时20分')).toEqual(['36小时20分:duration']);
    expect(kinds('在线 2小时')).toEqual(['2小时:duration']);
  });

  it('tells clock times, timestamps, relative times and ranges from durations', () => {
    expect(kinds('23:21')).toEqual(['23:21:clock']);
    expect(kinds('27分钟前')).toEqual(['27分钟:relative']);
    expect(kinds('3天后到期')).toEqual(['3天:relative']);
    expect(kinds('服务时间 9:00-17:00')).toEqual(['9:00:range', '17:00:range']);
    expect(kinds('预约时段：14:00～15:30')).toEqual(['14:00:range', '15:30:range']);
    expect(kinds('11月25日 9:00  二号会议室')).toEqual(['9:00:timestamp']);
    expect(kinds('2026-11-20 14:30')).toEqual(['14:30:timestamp']);
    expect(kinds('今天 10:30')).toEqual(['10:30:timestamp']);
    expect(kinds('下午 3:05')).toEqual(['3:05:timestamp']);
    expect(kinds('已签到 08:32  开始巡河')).toEqual(['08:32:clock']);
    expect(kinds('发布时间 08:30')).toEqual(['08:30:clock']);
  });

  it('leaves a bare HH:MM:SS ambiguous (a timer probe decides)', () => {
    expect(kinds('00:00:04')).toEqual(['00:00:04:ambiguous']);
  });

  it('ignores scores and credit hours', () => {
    expect(scanTimes('1280分  +5积分  6学时')).toEqual([]);
  });

  it('counterTokens keeps only possible counters', () => {
    expect(counterTokens('服务时间 9:00-17:00，已学习 45分钟').map((t) => t.seconds)).toEqual([2700]);
    expect(counterTokens('27分钟前')).toEqual([]);
    expect(counterTokens('23:21')).toEqual([]);
  });
});
