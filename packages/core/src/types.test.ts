import { describe, expect, it } from 'vitest'
import { ErrorCode, Reason } from './index'

describe('public constants', () => {
  it('name every reason and error code of SPEC §4 by its own string', () => {
    expect(Object.entries(Reason).every(([k, v]) => k === v)).toBe(true)
    expect(Object.keys(ErrorCode).sort()).toEqual(['FLAG_NOT_FOUND', 'INVALID_FLAG', 'INVALID_SNAPSHOT', 'TYPE_MISMATCH'])
  })
})
