import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { localize, type Language, type Material, type MediaRef } from '@smart-training/core';
import type { TestStatusView } from '@smart-training/runtime';
import { fireSmartEvent } from '../events';
import { formatScore, toLanguage } from '../i18n';
import { testStateOf } from './progress';
import { UNIT_STRINGS, type UnitStrings } from './strings';
import { unitStyles } from './unit.styles';

declare global {
  interface HTMLElementTagNameMap {
    'smart-material-view': SmartMaterialView;
  }
  interface HTMLElementEventMap {
    'smart-back-to-outline': CustomEvent<null>;
  }
}

/** How a medium is shown: played in the page, embedded from a video site, or linked. */
export type MediaPresentation =
  | { as: 'video'; src: string }
  | { as: 'embed'; src: string }
  | { as: 'link'; href: string };

const VIDEO_FILE = /\.(mp4|webm|ogv|ogg|m4v)(\?|#|$)/i;

/**
 * Chooses how to show a medium. Video files play in a native <video>;
 * YouTube videos are embedded from the privacy-enhanced domain, which sets
 * no cookies until play; everything else is a link.
 */
export function presentMedia(media: MediaRef): MediaPresentation {
  if (media.kind !== 'video') return { as: 'link', href: media.href };
  if (VIDEO_FILE.test(media.href)) return { as: 'video', src: media.href };
  const youtube = youtubeId(media.href);
  if (youtube !== null) return { as: 'embed', src: `https://www.youtube-nocookie.com/embed/${youtube}` };
  return { as: 'link', href: media.href };
}

function youtubeId(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^www\./, '');
  const id =
    host === 'youtu.be'
      ? url.pathname.slice(1)
      : host === 'youtube.com' || host === 'm.youtube.com'
        ? url.searchParams.get('v')
        : null;
  return id !== null && /^[\w-]{6,20}$/.test(id) ? id : null;
}

/**
 * One material: its text, its learning media (videos played or embedded,
 * modules, slides and references linked) and its test with the learner's
 * standing and the start or remedial button.
 *
 * Properties: `material` (Material), `test` (TestStatusView | undefined),
 * `lang` ("id" | "en"), `back` (boolean, default true: offer the way back
 * to the outline; false when the unit shows this material alone).
 *
 * Events: `smart-start-test` ({testId}), `smart-back-to-outline` (null).
 *
 * CSS parts: `text`, `media`, `test`.
 *
 * @element smart-material-view
 */
export class SmartMaterialView extends LitElement {
  static override styles = [
    unitStyles,
    css`
      .text {
        max-width: 46rem;
      }
      .text img,
      video,
      iframe {
        max-width: 100%;
      }
      .media {
        display: grid;
        gap: 1rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      figure {
        max-width: 48rem;
        margin: 0;
      }
      section[part='test'] {
        margin: 1.5rem 0 0;
      }
      iframe,
      video {
        width: 100%;
        aspect-ratio: 16 / 9;
        border: 0;
        background: #000;
      }
      .caption {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.5rem;
        align-items: baseline;
        margin-top: 0.4rem;
      }
      .kind {
        font-size: 0.75rem;
        text-transform: uppercase;
        letter-spacing: 0.04em;
      }
      .unplayable {
        padding: 1rem 1.25rem;
        border: 1px dashed var(--smart-line);
        border-radius: 8px;
        background: var(--smart-subtle);
      }
      .unplayable p:last-child {
        margin: 0;
      }
    `,
  ];

  static override properties = {
    material: { attribute: false },
    test: { attribute: false },
    lang: { reflect: true, converter: { fromAttribute: toLanguage } },
    back: { attribute: false },
    unplayable: { state: true },
  };

  material: Material | null = null;
  test: TestStatusView | undefined = undefined;
  override lang: Language = 'id';
  back = true;

  /** Video URLs the browser could not load; they are offered as links instead. */
  protected unplayable: ReadonlySet<string> = new Set();

  private get t(): UnitStrings {
    return UNIT_STRINGS[this.lang === 'en' ? 'en' : 'id'];
  }

  /** Moves focus to the material's title, e.g. after it was opened. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  protected override render(): TemplateResult | typeof nothing {
    const material = this.material;
    if (material === null) return nothing;
    const t = this.t;
    // The HTML was rendered from the author's Markdown at pack time and
    // travels inside the package the LMS administrator uploaded.
    return html`
      <article class="card" data-material-id=${material.id}>
        ${this.back
          ? html`<p>
              <button data-action="back" @click=${() => fireSmartEvent(this, 'smart-back-to-outline', null)}>
                ${t.backToOutline}
              </button>
            </p>`
          : nothing}
        <h2 tabindex="-1">${localize(material.title, this.lang)}</h2>
        <div part="text" class="text">${unsafeHTML(localize(material.html, this.lang))}</div>
        ${material.media.length === 0
          ? nothing
          : html`<section part="media" aria-labelledby="media-heading">
              <h3 id="media-heading">${t.mediaHeading}</h3>
              <ul class="media">
                ${material.media.map((media) => html`<li>${this.renderMedia(media)}</li>`)}
              </ul>
            </section>`}
        ${this.renderTest(material)}
      </article>
    `;
  }

  private renderMedia(media: MediaRef): TemplateResult {
    const t = this.t;
    const title = localize(media.title, this.lang);
    const shown = presentMedia(media);
    const caption = html`<span class="caption">
      <span class="badge kind" data-media-kind=${media.kind}>${t.mediaKind[media.kind]}</span>
      ${shown.as === 'link'
        ? html`<a href=${shown.href} target="_blank" rel="noopener" data-media-title>${title}</a>`
        : html`<span data-media-title>${title}</span>`}
      ${media.minutes === undefined ? nothing : html`<span class="muted" data-media-minutes>${t.minutes(media.minutes)}</span>`}
      ${shown.as === 'link' ? html`<span class="muted">${t.opensInNewTab}</span>` : nothing}
    </span>`;
    switch (shown.as) {
      case 'video':
        return html`<figure>
          ${this.unplayable.has(shown.src)
            ? this.renderUnplayable(shown.src, media)
            : html`<video
                controls
                preload="metadata"
                src=${shown.src}
                aria-label=${title}
                @error=${() => this.markUnplayable(shown.src)}
              ></video>`}
          <figcaption>${caption}</figcaption>
        </figure>`;
      case 'embed':
        return html`<figure>
          <iframe
            src=${shown.src}
            title=${title}
            loading="lazy"
            allow="encrypted-media; picture-in-picture; fullscreen"
          ></iframe>
          <figcaption>${caption}</figcaption>
        </figure>`;
      case 'link':
        return caption;
    }
  }

  /** A video the browser could not load: say so, and offer it as a link with its length. */
  private renderUnplayable(src: string, media: MediaRef): TemplateResult {
    const t = this.t;
    return html`<div class="unplayable" role="note" data-unplayable>
      <p>${t.videoUnavailable}</p>
      <p>
        <a href=${src} target="_blank" rel="noopener">${t.openVideo}</a>
        ${media.minutes === undefined ? nothing : html`<span class="muted">(${t.minutes(media.minutes)})</span>`}
      </p>
    </div>`;
  }

  private markUnplayable(src: string): void {
    this.unplayable = new Set([...this.unplayable, src]);
  }

  private renderTest(material: Material): TemplateResult {
    const t = this.t;
    const test = this.test;
    const state = testStateOf(test);
    const progress =
      test !== undefined && test.attempts > 0 && test.bestScore !== null
        ? t.bestScore(formatScore(test.bestScore, this.lang), test.attempts)
        : null;
    return html`
      <section part="test" class="card" aria-labelledby="test-heading">
        <div class="row apart">
          <h3 id="test-heading">${t.materialTestHeading}</h3>
          <span class="badge" data-state=${state}>${t.testState[state]}</span>
        </div>
        <p>
          ${localize(material.test.title, this.lang)} · ${t.passMark(material.test.passMark)} ·
          ${t.testTimeLimit(material.test.timeLimitMinutes)}
        </p>
        ${progress === null ? nothing : html`<p class="muted" data-progress>${progress}</p>`}
        ${test?.available
          ? html`<button
              class="primary"
              data-action="start-test"
              data-test-id=${material.test.id}
              @click=${() => fireSmartEvent(this, 'smart-start-test', { testId: material.test.id })}
            >
              ${test.attempts > 0 ? t.retakeTest : t.startTest}
            </button>`
          : test?.reason === undefined
            ? nothing
            : html`<p class="muted" data-reason=${test.reason.code}>${localize(test.reason.message, this.lang)}</p>`}
      </section>
    `;
  }
}
