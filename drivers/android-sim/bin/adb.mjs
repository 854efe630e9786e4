#!/usr/bin/env node
// The simulated SDK's `adb`: forwards its argv to the simulator that owns this ANDROID_HOME and
// relays what it answers. Plain JavaScript with no dependencies, so each call costs one node start.
// Usage (written by the simulator into <home>/platform-tools/adb): adb.mjs <home> <adb args…>
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [home, ...args] = process.argv.slice(2);
let port;
try {
  port = JSON.parse(readFileSync(path.join(home, 'sim.json'), 'utf8')).port;
} catch (e) {
  process.stderr.write(`adb: cannot connect to daemon (simulator state ${path.join(home, 'sim.json')}: ${e.message})\n`);
  process.exit(1);
}
const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/adb', headers: { 'content-type': 'application/json' } }, (res) => {
  let buf = '';
  let code = 0;
  res.setEncoding('utf8');
  res.on('data', (chunk) => {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line) continue;
      const msg = JSON.parse(line);
      if (msg.out !== undefined) process.stdout.write(msg.out);
      if (msg.err !== undefined) process.stderr.write(msg.err);
      if (msg.exit !== undefined) code = msg.exit;
    }
  });
  res.on('end', () => process.exit(code));
  res.on('error', () => process.exit(1));
});
req.on('error', (e) => {
  process.stderr.write(`adb: cannot connect to daemon at tcp:${port}: ${e.message}\n`);
  process.exit(1);
});
req.end(JSON.stringify({ args, cwd: process.cwd() }));
// The driver stops long-running commands (`am instrument -w`, `logcat`) with a signal: the
// closed connection tells the simulator that the command has ended.
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => { req.destroy(); process.exit(143); });
