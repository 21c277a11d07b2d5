import { describe, expect, it } from 'vitest';
import { datex2Example, datex2Validator } from '../support/datex2-validator.ts';

// The copied schemas load as the profile's README says, and judge: its own
// examples pass, a misspelt enum value does not.
describe('the AFIR DATEX II schemas in specs/', () => {
  it.each(['table', 'status'] as const)('take the profile’s own %s example', (folder) => {
    expect(datex2Validator(folder)(datex2Example(folder))).toEqual([]);
  });

  it('refuse a status the enumeration does not have', () => {
    const example = datex2Example('status') as { messageContainer: { payload: Array<{ aegiEnergyInfrastructureStatusPublication: { energyInfrastructureSiteStatus: Array<{ energyInfrastructureStationStatus: Array<{ refillPointStatus: Array<{ aegiElectricChargingPointStatus: { status: { value: string } } }> }> }> } }> } };
    const point = example.messageContainer.payload[0]!.aegiEnergyInfrastructureStatusPublication.energyInfrastructureSiteStatus[0]!.energyInfrastructureStationStatus[0]!.refillPointStatus[0]!;
    point.aegiElectricChargingPointStatus.status.value = 'Available';
    expect(datex2Validator('status')(example)).not.toEqual([]);
  });
});
