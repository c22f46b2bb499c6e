import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import {
  localize,
  materialTestId,
  type CourseOutline,
  type Language,
  type Material,
  type NextStep,
} from '@smart-training/core';
import type { StatusView, TestStatusView } from '@smart-training/runtime';
import { describeNextStep } from '../next-step';
import { fireSmartEvent } from '../events';
import { formatScore, formatWindow, toLanguage } from '../i18n';
import { materialsNotPassed, stepTarget, testStateOf, testStatusOf, type TestState } from './progress';
import { UNIT_STRINGS, type UnitStrings } from './strings';
import { unitStyles } from './unit.styles';

/** Detail of `smart-open-material`. */
export interface OpenMaterialDetail {
  materialId: string;
}

/** Detail of `smart-start-test`. */
export interface StartTestDetail {
  testId: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'smart-course-outline': SmartCourseOutline;
  }
  interface HTMLElementEventMap {
    'smart-open-material': CustomEvent<OpenMaterialDetail>;
    'smart-start-test': CustomEvent<StartTestDetail>;
  }
}

const STATE_BADGE: Record<TestState, string> = { not_started: '', remedial: 'warn', not_passed: 'bad', passed: 'ok' };

/**
 * The course at a glance for one learner (the unit shows the title above
 * it): description, JP and offering window,
 * their standing, the recommended next step, the placement test, every
 * material with its test's state, the final test (locked, with the reason,
 * until every material is passed) and the certificate once issued.
 *
 * Properties: `outline` (CourseOutline), `status` (StatusView | null),
 * `lang` ("id" | "en").
 *
 * Events: `smart-open-material` ({materialId}), `smart-start-test`
 * ({testId}), `smart-next-step` (NextStep, from the recommendation).
 *
 * CSS parts: `header`, `recommendation`, `placement`, `material`, `final`.
 *
 * @element smart-course-outline
 */
export class SmartCourseOutline extends LitElement {
  static override styles = [
    unitStyles,
    css`
      ol.materials {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .facts {
        margin: 0 0 0.75rem;
        padding-left: 1.25rem;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0 0 0.75rem;
        color: var(--smart-muted);
      }
      .heading-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: baseline;
        justify-content: space-between;
      }
    `,
  ];

  static override properties = {
    outline: { attribute: false },
    status: { attribute: false },
    lang: { reflect: true, converter: { fromAttribute: toLanguage } },
  };

  outline: CourseOutline | null = null;
  status: StatusView | null = null;
  override lang: Language = 'id';

  private get t(): UnitStrings {
    return UNIT_STRINGS[this.lang === 'en' ? 'en' : 'id'];
  }

  protected override render(): TemplateResult | typeof nothing {
    const outline = this.outline;
    if (outline === null) return nothing;
    const t = this.t;
    const target = stepTarget(this.status?.next ?? null);
    return html`
      <header part="header" class="card">
        <p>${localize(outline.description, this.lang)}</p>
        <p class="meta">
          <span class="badge accent" data-jp>${t.jp(outline.jp)}</span>
          <span>${t.offering}: <span data-offering>${formatWindow(outline.offering, this.lang)}</span></span>
        </p>
        ${this.status === null
          ? nothing
          : html`<p>
              ${t.statusLabel}: <strong data-competency=${this.status.status}>${t.competency[this.status.status]}</strong>
              ${this.status.jpCredited > 0 ? html` · ${t.jpCredited(this.status.jpCredited)}` : nothing}
            </p>`}
      </header>
      ${this.renderRecommendation()}
      ${this.renderPlacement(target === 'placement')}
      <section aria-labelledby="materials-heading">
        <h2 id="materials-heading">${t.materialsHeading}</h2>
        <ol class="materials">
          ${outline.materials.map((material, index) =>
            this.renderMaterial(material, index, target === materialTestId(material.id)),
          )}
        </ol>
      </section>
      ${this.renderFinal(outline, target === 'final')}
    `;
  }

  private renderRecommendation(): TemplateResult | typeof nothing {
    const next = this.status?.next ?? null;
    if (next === null) return nothing;
    const t = this.t;
    const text = this.recommendationText(next);
    const action = {
      placement: t.startTest,
      material: t.openMaterial,
      remedial: t.openMaterial,
      final: t.startTest,
      certificate: t.viewCertificate,
    }[next.kind];
    return html`
      <aside part="recommendation" class="card recommended" aria-labelledby="next-heading" data-recommendation=${next.kind}>
        <h2 id="next-heading">${t.recommendedStep}</h2>
        <p>${text}</p>
        <button class="primary" data-action="next-step" @click=${() => fireSmartEvent(this, 'smart-next-step', next)}>
          ${action}
        </button>
      </aside>
    `;
  }

  private recommendationText(next: NextStep): string {
    return describeNextStep(next, this.outline, this.lang, this.t.nextStepText);
  }

  private renderPlacement(recommended: boolean): TemplateResult | typeof nothing {
    const outline = this.outline!;
    const test = testStatusOf(this.status, 'placement');
    const t = this.t;
    return html`
      <section
        part="placement"
        class="card ${recommended ? 'recommended' : ''}"
        data-card="placement"
        aria-labelledby="placement-heading"
      >
        <div class="heading-row">
          <h2 id="placement-heading">${localize(outline.placement.title, this.lang)}</h2>
          ${this.renderBadges(test, recommended)}
        </div>
        <ul class="facts">
          ${t.placementFacts(outline.placement.passMark).map((fact) => html`<li>${fact}</li>`)}
          <li>${t.testTimeLimit(outline.placement.timeLimitMinutes)}</li>
        </ul>
        ${this.renderTestAction(test, 'placement')}
      </section>
    `;
  }

  private renderMaterial(material: Material, index: number, recommended: boolean): TemplateResult {
    const test = testStatusOf(this.status, materialTestId(material.id));
    const t = this.t;
    return html`
      <li
        part="material"
        class="card ${recommended ? 'recommended' : ''}"
        data-material-id=${material.id}
        aria-labelledby=${`material-${index}`}
      >
        <div class="heading-row">
          <h3 id=${`material-${index}`}>${index + 1}. ${localize(material.title, this.lang)}</h3>
          ${this.renderBadges(test, recommended)}
        </div>
        ${this.renderProgress(test)}
        <button
          class=${recommended ? 'primary' : ''}
          data-action="open-material"
          @click=${() => fireSmartEvent(this, 'smart-open-material', { materialId: material.id })}
        >
          ${t.openMaterial}
        </button>
      </li>
    `;
  }

  private renderFinal(outline: CourseOutline, recommended: boolean): TemplateResult {
    const test = testStatusOf(this.status, 'final');
    const t = this.t;
    const missing = materialsNotPassed(outline, this.status);
    const lockedBecauseOfMaterials = test !== undefined && !test.available && missing.length > 0;
    return html`
      <section
        part="final"
        class="card ${recommended ? 'recommended' : ''}"
        data-card="final"
        aria-labelledby="final-heading"
      >
        <div class="heading-row">
          <h2 id="final-heading">${localize(outline.final.title, this.lang)}</h2>
          ${lockedBecauseOfMaterials
            ? html`<span class="badge" data-state="locked">${t.locked}</span>`
            : this.renderBadges(test, recommended)}
        </div>
        <p>${t.finalFacts(outline.final.passMark)} ${t.testTimeLimit(outline.final.timeLimitMinutes)}.</p>
        ${lockedBecauseOfMaterials
          ? html`<p data-locked-reason>
              ${t.finalLocked(missing.map((material) => localize(material.title, this.lang)))}
            </p>`
          : this.renderTestAction(test, 'final')}
      </section>
    `;
  }

  private renderBadges(test: TestStatusView | undefined, recommended: boolean): TemplateResult {
    const state = testStateOf(test);
    return html`<span class="row">
      ${recommended ? html`<span class="badge accent">${this.t.recommended}</span>` : nothing}
      <span class="badge ${STATE_BADGE[state]}" data-state=${state}>${this.t.testState[state]}</span>
    </span>`;
  }

  private renderProgress(test: TestStatusView | undefined): TemplateResult | typeof nothing {
    if (test === undefined || test.attempts === 0) return nothing;
    const t = this.t;
    const text =
      test.bestScore === null
        ? t.attemptsSoFar(test.attempts)
        : t.bestScore(formatScore(test.bestScore, this.lang), test.attempts);
    return html`<p class="muted" data-progress>${text}</p>`;
  }

  private renderTestAction(test: TestStatusView | undefined, testId: string): TemplateResult | typeof nothing {
    if (test === undefined) return nothing;
    const t = this.t;
    return html`
      ${this.renderProgress(test)}
      ${test.available
        ? html`<button
            class="primary"
            data-action="start-test"
            data-test-id=${testId}
            @click=${() => fireSmartEvent(this, 'smart-start-test', { testId })}
          >
            ${test.attempts > 0 ? t.retakeTest : t.startTest}
          </button>`
        : test.reason === undefined
          ? nothing
          : html`<p class="muted" data-reason=${test.reason.code}>${localize(test.reason.message, this.lang)}</p>`}
    `;
  }
}
