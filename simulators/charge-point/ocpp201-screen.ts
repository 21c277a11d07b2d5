import type { OcppLink } from './ocpp-link.ts';
import type { Variable201 } from './ocpp201-variables.ts';
import type { DisplayMessageShown, Screen } from './screen.ts';
import type { StationView } from './station-view.ts';

// OCPP 2.0.1 and 2.1 display messages (O01 SetDisplayMessage, O05
// ClearDisplayMessage) and costs (I02 CostUpdated), with the device model
// that says the station has them: DisplayMessageCtrlr, TariffCostCtrlr.
// 2.1 adds the QRCODE format: the content is the text the code encodes.
const FORMATS = ['ASCII', 'HTML', 'URI', 'UTF8'];
const formats = (link: OcppLink) => (link.protocol() === 'ocpp2.1' ? [...FORMATS, 'QRCODE'] : FORMATS);

export const SCREEN_ACTIONS_201 = ['SetDisplayMessage', 'ClearDisplayMessage', 'CostUpdated'];

const fixed = (component: string, variable: string, dataType: Variable201['dataType'], value: () => string, instance?: string): Variable201 => ({
  component, variable, mutability: 'ReadOnly', dataType, value, ...(instance ? { instance } : {}),
});

// TariffCostCtrlr: with a screen, the station shows prices and costs (2.0.1);
// on 2.1 Enabled[Tariff] says it takes tariffs and prices the charge itself
// (the tariffs option), Enabled[Cost] that it shows or reckons costs.
export function tariffCostVariables(view: StationView): Variable201[] {
  const o = view.options;
  const screen = o.display === 'display-messages';
  const on21 = () => view.link.protocol() === 'ocpp2.1';
  if (!screen && !(o.tariffs && on21())) return [];
  return [
    fixed('TariffCostCtrlr', 'Enabled', 'boolean', () => String(on21() ? o.tariffs : screen), 'Tariff'),
    fixed('TariffCostCtrlr', 'Enabled', 'boolean', () => String(screen || (on21() && o.tariffs)), 'Cost'),
    fixed('TariffCostCtrlr', 'Currency', 'string', () => 'NOK'),
  ];
}

export function screenVariables201(view: StationView): Variable201[] {
  const screen = view.screen;
  if (screen.option !== 'display-messages') return [];
  const fallback = (variable: 'TariffFallbackMessage' | 'TotalCostFallbackMessage'): Variable201 => {
    return {
      component: 'TariffCostCtrlr', variable, mutability: 'ReadWrite', dataType: 'string',
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
    fixed('DisplayMessageCtrlr', 'Available', 'boolean', () => 'true'),
    fixed('DisplayMessageCtrlr', 'SupportedFormats', 'MemberList', () => formats(view.link).join(',')),
    fixed('DisplayMessageCtrlr', 'SupportedPriorities', 'MemberList', () => 'AlwaysFront,InFront,NormalCycle'),
    fallback('TariffFallbackMessage'),
    fallback('TotalCostFallbackMessage'),
  ];
}

interface MessageInfo {
  id: number;
  display?: { name: string; evse?: { id: number } };
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
    if (!formats(link).includes(m.message.format)) return { status: 'NotSupportedMessageFormat' };
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
      ...(m.display?.evse ? { evseId: m.display.evse.id } : {}),
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
