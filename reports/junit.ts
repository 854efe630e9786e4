import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../src/fs/atomic.ts';
import type { ClauseResult, Findings } from '../src/findings/schema.ts';
import { TOOL_NAME, TOOL_VERSION } from '../src/version.ts';
import { clauseOrder, clauseTitle, verdictWord } from './clauses.ts';
import { escapeMarkup } from './escape.ts';
import { incompleteNotice } from '../src/findings/coverage.ts';

/**
 * JUnit XML for CI: one test suite per app, one test case per clause. `fail` is a `<failure>`,
 * `n/a` is `<skipped>`; every case carries its verdict as a property, so `review` and `unknown`
 * stay visible to tools that read properties (gating on them is `--fail-on review`).
 */

const xmlEscape = escapeMarkup;

function evidenceLines(c: ClauseResult): string {
  return c.evidence
    .map((e) => `- ${e.state} ${e.screenshot}${e.bounds ? ` [${e.bounds.join(',')}]` : ''}${e.text ? ` “${e.text}”` : ''} (${e.via})`)
    .join('\n');
}

function testcase(c: ClauseResult, classname: string): string {
  const props = [
    ['verdict', c.verdict],
    ['verdict.zh', verdictWord(c.verdict)],
    ['evidence', String(c.evidence.length)],
    ...(c.basis ? [['basis', c.basis]] : []),
  ]
    .map(([k, v]) => `        <property name="${xmlEscape(k)}" value="${xmlEscape(v)}"/>`)
    .join('\n');
  const name = `${c.clause} ${clauseTitle(c.clause)}`;
  const body: string[] = [`      <properties>\n${props}\n      </properties>`];
  if (c.verdict === 'fail') {
    body.push(`      <failure message="${xmlEscape(c.summary)}" type="${xmlEscape(c.verdict)}">${xmlEscape(evidenceLines(c) || c.summary)}</failure>`);
  } else if (c.verdict === 'n/a') {
    body.push(`      <skipped message="${xmlEscape(`${verdictWord(c.verdict)}：${c.summary}`)}"/>`);
  }
  body.push(`      <system-out>${xmlEscape(`${verdictWord(c.verdict)}：${c.summary}\n${evidenceLines(c)}`.trim())}</system-out>`);
  return `    <testcase classname="${xmlEscape(classname)}" name="${xmlEscape(name)}" time="0">\n${body.join('\n')}\n    </testcase>`;
}

export interface JUnitOptions {
  /** Suite name; default the app label or package. */
  name?: string;
}

export function toJUnit(findings: Findings, opts: JUnitOptions = {}): string {
  const clauses = [...findings.clauses].sort((a, b) => clauseOrder(a.clause) - clauseOrder(b.clause));
  const failures = clauses.filter((c) => c.verdict === 'fail').length;
  const skipped = clauses.filter((c) => c.verdict === 'n/a').length;
  const started = Date.parse(findings.run.startedAt);
  const finished = Date.parse(findings.run.finishedAt);
  const time = Number.isFinite(started) && Number.isFinite(finished) ? Math.max(0, (finished - started) / 1000).toFixed(3) : '0';
  const suite = opts.name ?? findings.app.label ?? findings.app.package;
  const classname = `govapp.${findings.app.package}`;
  const suiteProps = [
    ['tool', `${TOOL_NAME} ${TOOL_VERSION}`],
    ['app.package', findings.app.package],
    ['app.versionName', findings.app.versionName ?? ''],
    ['run.stopReason', findings.run.stopReason],
    ['run.states', String(findings.run.states)],
    ['run.actions', String(findings.run.actions)],
    // A partial crawl is visible to CI tools that read properties (gating on it: --fail-on incomplete).
    ['run.complete', incompleteNotice(findings.run) ? 'false' : 'true'],
    ...(findings.run.coverage
      ? [
          ['run.coverage.actionsLeft', String(findings.run.coverage.actionsLeft)],
          ['run.coverage.walls', findings.run.coverage.walls.map((w) => `${w.kind}@${w.state}`).join(' ')],
        ]
      : []),
    ...(incompleteNotice(findings.run) ? [['run.incomplete', incompleteNotice(findings.run)!]] : []),
  ]
    .map(([k, v]) => `      <property name="${xmlEscape(k)}" value="${xmlEscape(v)}"/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(TOOL_NAME)}" tests="${clauses.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${clauses.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}" timestamp="${xmlEscape(findings.run.startedAt)}">`,
    `    <properties>\n${suiteProps}\n    </properties>`,
    ...clauses.map((c) => testcase(c, classname)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Writes `--junit FILE` (parent directories created, written atomically). */
export function writeJUnit(file: string, findings: Findings, opts: JUnitOptions = {}): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileAtomic(file, toJUnit(findings, opts));
}
