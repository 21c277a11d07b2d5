import type { OcppLink } from './ocpp-link.ts';
import type { Variable201 } from './ocpp201-variables.ts';
import type { DisplayMessageShown, Screen } from './screen.ts';

// OCPP 2.0.1 display messages (O01 SetDisplayMessage, O05 ClearDisplayMessage)
// and costs (I02 CostUpdated), with the device model that says the station
// has them: DisplayMessageCtrlr, TariffCostCtrlr.
const FORMATS = ['ASCII', 'HTML', 'URI', 'UTF8'];

export const SCREEN_ACTIONS_201 = ['SetDisplayMessage', 'ClearDisplayMessage', 'CostUpdated'];

export function screenVariables201(screen: Screen): Variable201[] {
  if (screen.option !== 'display-messages') return [];
  const fixed = (component: string, variable: string, value: string, instance?: string): Variable201 => ({
    component, variable, mutability: 'ReadOnly', dataType: 'MemberList', value: () => value, ...(instance ? { instance } : {}),
  });
  const fallback = (variable: 'TariffFallbackMessage' | 'TotalCostFallbackMessage'): Variable201 => {
    return {
      component: 'TariffCostCtrlr', variable, mutability: 'ReadWrite', dataType: 'MemberList',
      value: () => screen.settings.get(variable) ?? '',
      set: (v) => {
        screen.settings.set(variable, v);
        screen.record('fallback_message', { variable, value: v }, (now) => {
          if (variable === 'TariffFallbackMessage') now.tariffFallbackMessage = v;
          else now.totalCostFallbackMessage = v;
        });
        return true;
      },
    };
  };
  return [
    fixed('DisplayMessageCtrlr', 'Available', 'true'),
    fixed('DisplayMessageCtrlr', 'SupportedFormats', 'ASCII,HTML,URI,UTF8'),
    fixed('DisplayMessageCtrlr', 'SupportedPriorities', 'AlwaysFront,InFront,NormalCycle'),
    fixed('TariffCostCtrlr', 'Enabled', 'true', 'Tariff'),
    fixed('TariffCostCtrlr', 'Enabled', 'true', 'Cost'),
    fixed('TariffCostCtrlr', 'Currency', 'NOK'),
    fallback('TariffFallbackMessage'),
    fallback('TotalCostFallbackMessage'),
  ];
}

interface MessageInfo {
  id: number;
  priority: string;
  state?: string;
  transactionId?: string;
  startDateTime?: string;
  endDateTime?: string;
  message: { format: string; language?: string; content: string };
}

export function registerScreen201(link: OcppLink, screen: Screen): void {
  link.handle('SetDisplayMessage', (p) => {
    const { message: m } = p as { message: MessageInfo };
    if (!FORMATS.includes(m.message.format)) return { status: 'NotSupportedMessageFormat' };
    // O01: a message for a transaction the station does not have.
    if (m.transactionId !== undefined && !screen.isRunning(m.transactionId)) return { status: 'UnknownTransaction' };
    const shown: DisplayMessageShown = {
      id: m.id,
      priority: m.priority,
      format: m.message.format,
      content: m.message.content,
      ...(m.message.language ? { language: m.message.language } : {}),
      ...(m.state ? { state: m.state } : {}),
      ...(m.transactionId ? { transactionId: m.transactionId } : {}),
      ...(m.startDateTime ? { startDateTime: m.startDateTime } : {}),
      ...(m.endDateTime ? { endDateTime: m.endDateTime } : {}),
    };
    screen.setMessage(shown);
    return { status: 'Accepted' };
  });

  link.handle('ClearDisplayMessage', (p) => ({ status: screen.clearMessage((p as { id: number }).id) ? 'Accepted' : 'Unknown' }));

  link.handle('CostUpdated', (p) => {
    const { totalCost, transactionId } = p as { totalCost: number; transactionId: string };
    screen.record('cost_updated', { totalCost, transactionId }, (now) => {
      now.totalCost = { transactionId, totalCost };
    });
    return {};
  });
}
