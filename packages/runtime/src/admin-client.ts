import { requestJson, trimEndpoint, type Credential } from './http';
import type { CourseListing, CourseOutline, LearnerRow, OfferingSummary, StatusView } from '@smart-training/core';

/**
 * The evaluator's read-only client of the SMART assessment API, with an
 * admin credential. Methods reject with {@link AssessmentApiError}.
 *
 * @example
 * const admin = new AdminClient('https://lrs.example.go.id', { key, secret });
 * const summary = await admin.offeringSummary('berakhlak-2026');
 */
export class AdminClient {
  private readonly api: string;

  constructor(
    endpoint: string,
    private readonly credential: Credential,
  ) {
    this.api = `${trimEndpoint(endpoint)}/smart/v1`;
  }

  courses(): Promise<CourseListing[]> {
    return requestJson<CourseListing[]>(`${this.api}/courses`, this.credential);
  }

  /** The published course without its bank: titles, tests and the offering window with its time zone. */
  courseOutline(courseId: string): Promise<CourseOutline> {
    return requestJson<CourseOutline>(`${this.api}/courses/${encodeURIComponent(courseId)}`, this.credential);
  }

  offeringSummary(courseId: string): Promise<OfferingSummary> {
    return requestJson<OfferingSummary>(
      `${this.api}/offerings/${encodeURIComponent(courseId)}/summary`,
      this.credential,
    );
  }

  learners(courseId: string): Promise<LearnerRow[]> {
    return requestJson<LearnerRow[]>(
      `${this.api}/offerings/${encodeURIComponent(courseId)}/learners`,
      this.credential,
    );
  }

  learnerStatus(nip: string, courseId: string): Promise<StatusView> {
    return requestJson<StatusView>(
      `${this.api}/learners/${encodeURIComponent(nip)}/status?courseId=${encodeURIComponent(courseId)}`,
      this.credential,
    );
  }
}
