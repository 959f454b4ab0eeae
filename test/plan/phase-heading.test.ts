import { describe, expect, it } from '@jest/globals';
import type { Heading } from 'mdast';
import { parseMarkdown } from '../../src/plan/markdown.js';
import { parsePhaseHeading, parseSubStepHeading } from '../../src/plan/phase-heading.js';

const heading = (markdown: string) => parseMarkdown(markdown).tree.children[0] as Heading;

describe('parsePhaseHeading', () => {
  it.each([
    ['## Phase 1: Setup', { number: '1', title: 'Setup', duration: null }],
    ['## **Phase 2**: Bold keyword', { number: '2', title: 'Bold keyword', duration: null }],
    ['### Phase 3: User Story 1 - Title (Priority: P1) 🎯 MVP', { number: '3', title: 'User Story 1 - Title (Priority: P1)', duration: null }],
    ['### Week 5-6: Production Monitoring 📈 **TODO**', null],
    ['### Phase 1: Z-Index Audit (1-2 hours)', { number: '1', title: 'Z-Index Audit', duration: '1-2 hours' }],
    ['### Phase 1: Spike (~3 days)', { number: '1', title: 'Spike', duration: '~3 days' }],
    ['## Phase 2: Launch (v2, public)', { number: '2', title: 'Launch (v2, public)', duration: null }],
    ['## Stage 4: Rollout', { number: '4', title: 'Rollout', duration: null }],
    ['## Phase 3: Core 🚀 **READY TO BEGIN**', { number: '3', title: 'Core', duration: null }],
    ['## Phase 1.2.3: Deep', { number: '1.2.3', title: 'Deep', duration: null }],
    ['## Phase 2:Tight', { number: '2', title: 'Tight', duration: null }],
    ['## The Phase 2 plan', null],
    ['## Phase two: words', null],
  ])('%s', (markdown, expected) => {
    expect(parsePhaseHeading(heading(markdown))).toEqual(expected);
  });
});

describe('parseSubStepHeading', () => {
  it('accepts numbers that extend the parent phase only', () => {
    expect(parseSubStepHeading(heading('### 1.2 Core Engine'), '1')).toEqual({ number: '1.2', title: 'Core Engine', duration: null });
    expect(parseSubStepHeading(heading('### 1.2. Core Engine'), '1')).toEqual({ number: '1.2', title: 'Core Engine', duration: null });
    expect(parseSubStepHeading(heading('### 2.1 Elsewhere'), '1')).toBeNull();
    expect(parseSubStepHeading(heading('### 1. Numbered list heading'), '1')).toBeNull();
    expect(parseSubStepHeading(heading('### 10.1 Not phase 1'), '1')).toBeNull();
  });
});
