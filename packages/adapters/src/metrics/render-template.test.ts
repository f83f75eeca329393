import { describe, expect, it } from '@jest/globals';
import { formatPrometheusDuration } from './format-prometheus-duration';
import { checkTemplate, renderTemplate, templateVariables } from './render-template';

describe('renderTemplate', () => {
  it('fills every placeholder, spaces allowed', () => {
    expect(renderTemplate('a{{track}}-{{ environment }}-{{track}}', { track: 'canary', environment: 'prod' })).toEqual({ ok: true, text: 'acanary-prod-canary' });
  });

  it("fills a variable inside PromQL's own braces", () => {
    expect(renderTemplate('up{{{labels}}}[{{window}}]', { labels: 'track="canary"', window: '30s' })).toEqual({ ok: true, text: 'up{track="canary"}[30s]' });
  });

  it('reports the variables without a value instead of rendering half a template', () => {
    expect(renderTemplate('v={{version}} t={{track}}', { track: 'canary' })).toEqual({ ok: false, missing: ['version'] });
  });

  it('escapes values for where they land', () => {
    const rendered = renderTemplate('env="{{environment}}"', { environment: 'a"b\\c' }, (value) => value.replaceAll('\\', '\\\\').replaceAll('"', '\\"'));
    expect(rendered).toEqual({ ok: true, text: 'env="a\\"b\\\\c"' });
  });

  it('lists the variables a template uses', () => {
    expect(templateVariables('{{track}}{{window}}{{track}}')).toEqual(['track', 'window']);
  });
});

describe('checkTemplate', () => {
  it.each([
    ['sum(rate(x{{{labels}}}[{{window}}]))', undefined],
    ['x{job="a"}', undefined],
    ['x{track="{{trak}}"}', 'unknown variable {{trak}}'],
    ['x{track="{{track"}', 'unbalanced'],
    ['x}}', 'unbalanced'],
  ])('%s', (template, problem) => {
    const result = checkTemplate(template);
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toContain(problem);
  });

  it('limits the variables where only some make sense', () => {
    expect(checkTemplate('http://h/{{window}}', ['track'])).toContain('unknown variable {{window}} (known: {{track}})');
  });
});

describe('formatPrometheusDuration', () => {
  it.each([
    [10, '10s'],
    [300, '5m'],
    [90, '90s'],
    [7200, '2h'],
    [1.5, '1500ms'],
    [0, '1ms'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatPrometheusDuration(seconds)).toBe(text);
  });
});
