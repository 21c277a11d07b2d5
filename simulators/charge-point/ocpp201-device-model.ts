import { findVariable, variables201 as stationVariables, type Variable201 } from './ocpp201-variables.ts';
import { screenVariables201, tariffCostVariables } from './ocpp201-screen.ts';
import type { StationView } from './station-view.ts';

// OCPP 2.0.1 B05 SetVariables, B06 GetVariables, B07 GetBaseReport → NotifyReport.

interface ComponentRef {
  name: string;
  instance?: string;
  evse?: { id: number; connectorId?: number };
}
interface VariableRef {
  name: string;
  instance?: string;
}
interface VariableData {
  attributeType?: string;
  attributeValue?: string;
  component: ComponentRef;
  variable: VariableRef;
}

// The station's variables, its screen's with the display option, and its tariffs' (2.1).
function variables201(view: StationView): Variable201[] {
  return [...stationVariables(view), ...tariffCostVariables(view), ...screenVariables201(view)];
}

export function registerOcpp201DeviceModel(view: StationView): void {
  const link = view.link;

  link.handle('SetVariables', (p) => {
    const { setVariableData } = p as { setVariableData: VariableData[] };
    const all = variables201(view);
    const setVariableResult = setVariableData.map((d) => {
      const echo = { attributeType: d.attributeType ?? 'Actual', component: d.component, variable: d.variable };
      if (echo.attributeType !== 'Actual') return { ...echo, attributeStatus: 'NotSupportedAttributeType' };
      const found = findVariable(all, d.component.name, d.variable.name, d.variable.instance);
      if (typeof found === 'string') return { ...echo, attributeStatus: found };
      if (found.mutability === 'ReadOnly' || !found.set) return { ...echo, attributeStatus: 'Rejected' };
      if (!found.set(d.attributeValue ?? '')) return { ...echo, attributeStatus: 'Rejected' };
      return { ...echo, attributeStatus: found.rebootRequired ? 'RebootRequired' : 'Accepted' };
    });
    return { setVariableResult };
  });

  link.handle('GetVariables', (p) => {
    const { getVariableData } = p as { getVariableData: VariableData[] };
    const all = variables201(view);
    const getVariableResult = getVariableData.map((d) => {
      const echo = { attributeType: d.attributeType ?? 'Actual', component: d.component, variable: d.variable };
      if (echo.attributeType !== 'Actual') return { ...echo, attributeStatus: 'NotSupportedAttributeType' };
      const found = findVariable(all, d.component.name, d.variable.name, d.variable.instance);
      if (typeof found === 'string') return { ...echo, attributeStatus: found };
      return { ...echo, attributeStatus: 'Accepted', attributeValue: found.value() };
    });
    return { getVariableResult };
  });

  link.handle('GetBaseReport', (p) => {
    const { requestId, reportBase } = p as { requestId: number; reportBase: string };
    const chosen = variables201(view).filter((v) => reportBase !== 'ConfigurationInventory' || v.mutability === 'ReadWrite');
    link.afterReply(() => {
      const reportData = chosen.map((v) => ({
        component: { name: v.component },
        variable: v.instance ? { name: v.variable, instance: v.instance } : { name: v.variable },
        variableAttribute: [{ type: 'Actual', value: v.value(), mutability: v.mutability }],
        variableCharacteristics: { dataType: v.dataType, supportsMonitoring: false, ...(v.unit ? { unit: v.unit } : {}) },
      }));
      void link.fire('NotifyReport', { requestId, generatedAt: view.now().toISOString(), seqNo: 0, tbc: false, reportData });
    });
    return { status: 'Accepted' };
  });
}
