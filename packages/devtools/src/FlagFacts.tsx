'use client'
import type { ReactNode } from 'react'
import type { EvaluationResult } from '@vexil/core'
import { formatValue } from './formatValue'

/** Props of {@link FlagFacts}. @internal */
export interface FlagFactsProps {
  result: EvaluationResult | undefined
}

/** Why a flag has its value: value, variation, reason, rule, experiment, failed prerequisite. @internal */
export function FlagFacts({ result }: FlagFactsProps): ReactNode {
  if (!result) return null
  const reason = result.reason + (result.errorCode ? ` (${result.errorCode})` : '')
  return (
    <dl className="vx-facts">
      <dt>Value</dt>
      <dd className="vx-mono vx-wide" title={formatValue(result.value, Infinity)}>
        {formatValue(result.value)}
      </dd>
      <dt>Variation</dt>
      <dd className="vx-mono">{result.variation ?? '—'}</dd>
      <dt>Reason</dt>
      <dd>{reason}</dd>
      <dt>Rule</dt>
      <dd className="vx-mono">{result.ruleId ?? '—'}</dd>
      <dt>Experiment</dt>
      <dd className="vx-mono">{result.experiment ?? '—'}</dd>
      {result.prerequisite !== undefined && (
        <>
          <dt>Prerequisite</dt>
          <dd className="vx-mono vx-wide">{result.prerequisite} failed</dd>
        </>
      )}
    </dl>
  )
}
