import type { Detector } from './define.ts';
import aiLabel from './ai-label.ts';
import complaintChannel from './complaint-channel.ts';
import filingNumber from './filing-number.ts';
import gb18030 from './gb18030.ts';
import inAppReporting from './in-app-reporting.ts';
import noCheckIn from './no-check-in.ts';
import noCommerce from './no-commerce.ts';
import noOnlineTime from './no-online-time.ts';
import noPointsRanking from './no-points-ranking.ts';
import noProofOfWorkUpload from './no-proof-of-work-upload.ts';
import unitName from './unit-name.ts';

export type { Detector } from './define.ts';
export type { DetectorSeek, ProbeName, ProbeNeeds, SeekEntry, SeekProbe } from './seek.ts';

/**
 * Every detector, one per clause, in findings/1 clause order (4.1.1 … 7.3). Adding a detector
 * means adding it here, a table test test/detectors/<id>.test.ts and a section in docs/clauses.md
 * (test/detectors/registry.test.ts checks all three). Its `meta.seek` is all the crawler needs
 * to seek its evidence: the targeted strategy and the probe list are built from this registry.
 */
export const detectors: readonly Detector[] = [
  noCheckIn, // 4.1.1
  noPointsRanking, // 4.1.2
  noOnlineTime, // 4.1.3
  unitName, // 4.2
  complaintChannel, // 4.3
  gb18030, // 4.4
  filingNumber, // 5
  noProofOfWorkUpload, // 6.d
  inAppReporting, // 6.h
  noCommerce, // 6.i
  aiLabel, // 7.3
];
