import type {
  Answers,
  FormView,
  RegisteredLearner,
  ResultView,
  SessionView,
  StatusView,
} from '@smart-training/core';
import { requestJson, requestJsonAnswer, trimEndpoint, type Credential } from './http';

/** A form the LRS served, and whether it was one already running. */
export interface RequestedForm {
  form: FormView;
  /**
   * True when the LRS answered 200 with a form of this learner that was
   * still running (a reload, a second tab): its clock started earlier.
   */
  resumed: boolean;
}

/**
 * The unit's client of the SMART assessment API for one learner in one
 * course. It is opened with the package's launch credential and from then
 * on uses the session credential the LRS returned, which is bound to this
 * learner and course. Every method rejects with
 * {@link AssessmentApiError} when the LRS refuses or cannot be reached.
 *
 * @example
 * const client = await AssessmentClient.openSession(lrs.endpoint, lrs, { courseId, nip });
 * const { form } = await client.requestForm('placement');
 * const result = await client.submitAnswers(form.formId, { 'op-001': ['b'] });
 */
export class AssessmentClient {
  private constructor(
    private readonly api: string,
    private readonly opened: SessionView,
  ) {}

  /**
   * Opens a session for `nip` in `courseId`. `endpoint` is the LRS base URL
   * (the API lives under `<endpoint>/smart/v1`).
   */
  static async openSession(
    endpoint: string,
    launchCredential: Credential,
    request: { courseId: string; nip: string },
  ): Promise<AssessmentClient> {
    const api = `${trimEndpoint(endpoint)}/smart/v1`;
    const opened = await requestJson<SessionView>(`${api}/sessions`, launchCredential, {
      method: 'POST',
      body: { courseId: request.courseId, nip: request.nip },
    });
    return new AssessmentClient(api, opened);
  }

  get sessionId(): string {
    return this.opened.sessionId;
  }

  /** The learner as the LRS's registry knows them. */
  get learner(): RegisteredLearner {
    return this.opened.learner;
  }

  /** The session credential; also authorises the unit's own xAPI statements. */
  get credential(): Credential {
    return { key: this.opened.key, secret: this.opened.secret };
  }

  /** The enrolment's xAPI registration: every statement about this learner in this course carries it. */
  get registration(): string {
    return this.opened.registration;
  }

  /** The learner's standing when the session was opened. */
  get initialStatus(): StatusView {
    return this.opened.status;
  }

  /** The learner's current standing in the course. */
  status(): Promise<StatusView> {
    return requestJson<StatusView>(`${this.api}/session/status`, this.credential);
  }

  /**
   * A form for `testId` (`placement`, `final`, `material:<id>`). Its clock
   * starts now, on the server. While a form of this learner is still
   * running the LRS returns that one again (`resumed`), so a reload
   * resumes instead of starting a new attempt.
   */
  async requestForm(testId: string): Promise<RequestedForm> {
    const answer = await requestJsonAnswer<FormView>(`${this.api}/forms`, this.credential, {
      method: 'POST',
      body: { testId },
    });
    return { form: answer.body, resumed: answer.status === 200 };
  }

  /** Submits the chosen option ids per item; the LRS scores and decides. */
  submitAnswers(formId: string, answers: Answers): Promise<ResultView> {
    return requestJson<ResultView>(
      `${this.api}/forms/${encodeURIComponent(formId)}/answers`,
      this.credential,
      { method: 'POST', body: { answers } },
    );
  }
}
