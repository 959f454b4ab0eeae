// The words planbot reads gate tables with, per language: status words per class, status symbols,
// and the header words that find a table's gate and status columns. docs/engine.md lists them as
// tables; test/plan/gate-vocabulary.test.ts keeps the two in step.
import type { GateStatus } from './model.js';

export type GateClass = Exclude<GateStatus, 'unknown'>;

export const GATE_CLASSES: readonly GateClass[] = ['pass', 'fail', 'pending', 'warn', 'waived'];

/** Languages with built-in words, in the order docs/engine.md lists them. */
export const LANGUAGES = ['en', 'zh', 'ja', 'es', 'fr', 'de', 'pt', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Symbols decide a cell only when it holds no status word. 🟡 is pending: every plan studied that
 * defines it uses it for "in progress" (next to a separate ⚠️ for warnings); 🟠 is the warning colour.
 */
export const STATUS_SYMBOLS: Readonly<Record<GateClass, readonly string[]>> = {
  pass: ['✅', '✔', '☑', '✓', '🟢'],
  fail: ['❌', '✖', '✗', '✘', '⛔', '🔴', '🛑', '🚫'],
  pending: ['⬜', '⏳', '⌛', '🔲', '☐', '⚪', '🟡', '🔵', '🔄', '🚧', '🕐', '⏸'],
  warn: ['⚠', '🟠', '❗', '❕'],
  waived: ['⏭', '➖'],
};

/**
 * Status words per language and class. At one position the longest phrase wins (`not started`
 * over `started`, `未通过` over `通过`), so negations are listed as phrases of their own.
 * `blocked` is pending: a blocked gate has not been judged yet (it waits on something); a failing
 * one has been judged. `justified` deviations and violations are warnings: the plan accepts them.
 */
export const STATUS_WORDS: Readonly<Record<Language, Readonly<Record<GateClass, readonly string[]>>>> = {
  en: {
    pass: [
      'pass', 'passed', 'passes', 'passing', 'done', 'verified', 'met', 'complete', 'completed', 'ok', 'okay',
      'approved', 'compliant', 'success', 'succeeded', 'green', 'implemented', 'resolved', 'accepted',
      'signed off', 'yes', 'ready', 'satisfied', 'finished', 'closed', 'conforms', 'fulfilled',
    ],
    fail: [
      'fail', 'failed', 'fails', 'failing', 'failure', 'blocker', 'violation', 'violated', 'violates',
      'rejected', 'broken', 'red', 'not met', 'not passed', 'not compliant', 'non compliant', 'noncompliant',
      'no go', 'not ok',
    ],
    pending: [
      'pending', 'todo', 'to do', 'not started', 'not yet', 'in progress', 'in review', 'wip', 'waiting',
      'planned', 'open', 'tbd', 'queued', 'ongoing', 'started', 'not done', 'not verified', 'not complete',
      'not completed', 'not implemented', 'not ready', 'ready to begin', 'in development', 'under review',
      'awaiting', 'blocked', 'on hold', 'paused', 'not run', 'not checked', 'unverified', 'untested',
    ],
    warn: [
      'warn', 'warning', 'warnings', 'partial', 'partially', 'partly', 'at risk', 'approved with warnings',
      'passed with warnings', 'pass with warnings', 'done with warnings', 'caution', 'conditional',
      'conditionally', 'needs review', 'needs work', 'needs attention', 'requires attention', 'needs update',
      'degraded', 'monitor', 'acceptable', 'soft', 'soft fail', 'soft miss', 'soft pass', 'justified',
      'deviation', 'justified deviation', 'deviation justified', 'violation justified', 'justified violation',
      'minor issues',
    ],
    waived: [
      'n/a', 'not applicable', 'waived', 'waive', 'skipped', 'skip', 'exempt', 'excluded', 'deferred',
      'out of scope', 'not required', 'optional', 'omitted', 'not relevant', 'none required',
    ],
  },
  zh: {
    pass: ['通过', '通過', '已通过', '已通過', '完成', '已完成', '合格', '符合', '满足', '滿足', '达标', '達標', '正常', '已验证', '已驗證'],
    fail: ['失败', '失敗', '未通过', '未通過', '不通过', '不通過', '不合格', '不符合', '不满足', '不滿足', '未达标', '未達標', '违反', '違反'],
    pending: ['待定', '待处理', '待處理', '待验证', '待驗證', '进行中', '進行中', '未开始', '未開始', '未完成', '阻塞', '暂停', '暫停', '计划中', '計劃中'],
    warn: ['警告', '部分', '部分通过', '部分通過', '部分符合', '有条件通过', '有條件通過', '需关注', '需關注', '风险', '風險'],
    waived: ['不适用', '不適用', '跳过', '跳過', '豁免', '无需', '無需', '略过', '略過'],
  },
  ja: {
    pass: ['完了', '済', '済み', '合格', '準拠', '適合', '対応済', '対応済み', '確認済', '確認済み', '問題なし', '達成'],
    fail: ['失敗', '不合格', '不適合', '違反', '未達', '未達成', '不可', 'ng'],
    pending: ['未着手', '未完了', '未対応', '未確認', '作業中', '対応中', '確認中', '進行中', '保留', '予定', '後回し'],
    warn: ['警告', '一部', '要確認', '要対応', '要注意', '注意', '更新必要', '条件付き'],
    waived: ['該当なし', '対象外', 'スキップ', '不要', '免除'],
  },
  es: {
    pass: ['aprobado', 'aprobada', 'superado', 'completado', 'completada', 'completo', 'cumple', 'hecho', 'verificado', 'conforme', 'listo'],
    fail: ['fallido', 'fallida', 'falló', 'fallo', 'rechazado', 'no cumple', 'no aprobado', 'suspendido', 'incumple'],
    pending: ['pendiente', 'en progreso', 'en curso', 'sin empezar', 'no iniciado', 'bloqueado', 'por hacer', 'en revisión', 'en espera'],
    warn: ['parcial', 'parcialmente', 'advertencia', 'requiere atención', 'con observaciones', 'condicional'],
    waived: ['no aplica', 'no aplicable', 'omitido', 'exento', 'excluido', 'diferido'],
  },
  fr: {
    pass: ['validé', 'validée', 'valide', 'réussi', 'réussie', 'conforme', 'terminé', 'terminée', 'fait', 'approuvé', 'vérifié', 'exécuté', 'intact'],
    fail: ['échoué', 'échouée', 'échec', 'refusé', 'non conforme', 'non validé', 'bloquant'],
    pending: ['en attente', 'en cours', 'à faire', 'non commencé', 'non démarré', 'bloqué', 'prévu', 'à vérifier'],
    warn: ['partiel', 'partielle', 'partiellement', 'avertissement', 'attention', 'à surveiller', 'sous réserve'],
    waived: ['non applicable', 'sans objet', 'ignoré', 'exempté', 'dispensé', 'hors périmètre'],
  },
  de: {
    pass: ['bestanden', 'erfüllt', 'erledigt', 'abgeschlossen', 'fertig', 'geprüft', 'freigegeben', 'konform', 'grün'],
    fail: ['nicht bestanden', 'fehlgeschlagen', 'nicht erfüllt', 'abgelehnt', 'verletzt', 'rot'],
    pending: ['offen', 'ausstehend', 'in arbeit', 'in bearbeitung', 'geplant', 'blockiert', 'nicht begonnen', 'wartend', 'in prüfung'],
    warn: ['teilweise', 'warnung', 'eingeschränkt', 'mit auflagen', 'bedingt', 'achtung'],
    waived: ['nicht anwendbar', 'entfällt', 'übersprungen', 'ausgenommen', 'nicht relevant'],
  },
  pt: {
    pass: ['aprovado', 'aprovada', 'concluído', 'concluido', 'concluída', 'completo', 'atende', 'conforme', 'feito', 'verificado', 'cumprido'],
    fail: ['reprovado', 'reprovada', 'falhou', 'falha', 'não atende', 'não conforme', 'rejeitado'],
    pending: ['pendente', 'em andamento', 'em progresso', 'não iniciado', 'bloqueado', 'a fazer', 'em revisão', 'aguardando'],
    warn: ['parcial', 'parcialmente', 'atenção', 'requer atenção', 'monitorar', 'com ressalvas', 'condicional'],
    waived: ['não se aplica', 'não aplicável', 'dispensado', 'omitido', 'isento'],
  },
  ru: {
    pass: ['пройдено', 'пройден', 'выполнено', 'выполнен', 'готово', 'успешно', 'соответствует', 'принято', 'да'],
    fail: ['не пройдено', 'не пройден', 'провалено', 'не соответствует', 'отклонено', 'нет'],
    pending: ['ожидает', 'в процессе', 'в работе', 'не начато', 'заблокировано', 'запланировано', 'не выполнено', 'не проверено'],
    warn: ['частично', 'предупреждение', 'внимание', 'с замечаниями', 'условно'],
    waived: ['не применимо', 'пропущено', 'не требуется', 'исключено'],
  },
};

/** A cell such as `80% complete`: a completion word after a percentage below 100 is work in progress. */
export const COMPLETION_WORDS: readonly string[] = ['complete', 'completed', 'done', 'finished', 'completo', 'concluído', 'terminé', 'fertig', 'abgeschlossen', '完成', '完了', 'выполнено'];

/** How a header names each kind of column, per language (compared lower-cased, punctuation as spaces). */
export interface HeaderWords {
  /** The gate itself: a table with one of these and a status column is a gate table. */
  gate: readonly string[];
  /** Also a gate column when the table has no `gate` column; else the gate's name (`G1: Library-First`). */
  principle: readonly string[];
  /** Also a gate column when the table has neither; else the gate's criteria. */
  check: readonly string[];
  name: readonly string[];
  criteria: readonly string[];
  status: readonly string[];
  /** Qualifiers of a status column that hold the current status (`Final Assessment`, `After Remediation`). */
  current: readonly string[];
  /** Qualifiers of an earlier status column (`Initial Status`, `Pre-Design`). */
  earlier: readonly string[];
  /** First cells of total and summary rows, which are never gates. */
  total: readonly string[];
}

export const HEADER_WORDS: Readonly<Record<Language, HeaderWords>> = {
  en: {
    gate: ['gate', 'gates', 'quality gate', 'quality gates', 'verification gate', 'constitution gate', 'gate name', 'gate id'],
    principle: ['principle', 'principles', 'constitution principle', 'article', 'control', 'controls', 'control id'],
    check: ['check', 'checks', 'check item', 'checkpoint', 'criterion', 'requirement'],
    name: ['name', 'title'],
    criteria: ['criteria', 'criterion', 'pass criteria', 'acceptance criteria', 'exit criteria', 'requirement', 'requirements', 'condition', 'check', 'check item', 'threshold', 'target'],
    status: ['status', 'state', 'result', 'results', 'verdict', 'outcome', 'assessment', 'compliance', 'evaluation'],
    current: ['final', 'current', 'after', 'now', 'latest', 'post', 'updated', 'new', 'recheck', 're check', 'today'],
    earlier: ['initial', 'before', 'pre', 'previous', 'prior', 'original', 'old', 'baseline', 'first', 'v1', 'v2', 'v3'],
    total: ['total', 'totals', 'grand total', 'overall', 'summary', 'sum', 'all', 'all gates', 'gate result', 'gates result', 'gate summary', 'final verdict', 'final result'],
  },
  zh: {
    gate: ['门禁', '門禁', '质量门禁', '質量門禁', '关卡', '關卡', '閘門'],
    principle: ['原则', '原則', '准则', '準則', '条款', '條款', '控制项', '控制項'],
    check: ['检查项', '檢查項', '检查', '檢查', '检查点', '檢查點', '要求', '标准', '標準'],
    name: ['名称', '名稱'],
    criteria: ['标准', '標準', '通过标准', '通過標準', '要求', '条件', '條件', '检查项', '檢查項', '检查', '檢查'],
    status: ['状态', '狀態', '结果', '結果', '结论', '結論', '评估', '評估'],
    current: ['最终', '最終', '当前', '當前', '目前', '现在', '現在', '最新', '之后', '之後', '以后', '以後'],
    earlier: ['初始', '之前', '以前', '原始', '初版'],
    total: ['合计', '合計', '总计', '總計', '汇总', '匯總', '总结', '總結', '小计', '小計', '整体', '整體', '总体', '總體'],
  },
  ja: {
    gate: ['ゲート', '品質ゲート'],
    principle: ['原則', '原理', '条項'],
    check: ['チェック', 'チェック項目', '確認項目', '要件', '基準'],
    name: ['名前', '名称'],
    criteria: ['基準', '判定基準', '要件', '条件', 'チェック項目', '確認項目'],
    status: ['状態', 'ステータス', '結果', '判定', '評価'],
    current: ['最終', '現在', '現状', '最新', '修正後', '対応後', '更新後', '実施後'],
    earlier: ['初期', '当初', '修正前', '対応前', '更新前', '実施前'],
    total: ['合計', '総計', '小計', 'まとめ', '総合', '全体'],
  },
  es: {
    gate: ['puerta', 'puerta de calidad', 'compuerta'],
    principle: ['principio', 'principios', 'artículo', 'control'],
    check: ['verificación', 'comprobación', 'criterio', 'requisito', 'chequeo'],
    name: ['nombre', 'título'],
    criteria: ['criterio', 'criterios', 'criterios de aceptación', 'requisito', 'requisitos', 'condición'],
    status: ['estado', 'resultado', 'veredicto', 'evaluación'],
    current: ['final', 'actual', 'después', 'tras', 'ahora', 'último'],
    earlier: ['inicial', 'antes', 'previo', 'anterior', 'original'],
    total: ['total', 'totales', 'resumen', 'general', 'global'],
  },
  fr: {
    gate: ['porte', 'porte qualité', 'jalon', 'portail'],
    principle: ['principe', 'principes', 'article', 'contrôle'],
    check: ['vérification', 'critère', 'exigence', 'point de contrôle'],
    name: ['nom', 'titre'],
    criteria: ['critère', 'critères', 'critères d acceptation', 'exigence', 'exigences', 'condition'],
    status: ['statut', 'état', 'résultat', 'verdict', 'évaluation'],
    current: ['final', 'finale', 'actuel', 'actuelle', 'après', 'maintenant', 'dernier'],
    earlier: ['initial', 'initiale', 'avant', 'précédent', 'original'],
    total: ['total', 'totaux', 'résumé', 'synthèse', 'global', 'ensemble', 'bilan'],
  },
  de: {
    gate: ['gate', 'qualitätsgate', 'qualitätstor', 'tor'],
    principle: ['prinzip', 'prinzipien', 'grundsatz', 'artikel', 'kontrolle'],
    check: ['prüfung', 'prüfpunkt', 'kriterium', 'anforderung', 'check'],
    name: ['name', 'titel', 'bezeichnung'],
    criteria: ['kriterium', 'kriterien', 'akzeptanzkriterien', 'anforderung', 'anforderungen', 'bedingung'],
    status: ['status', 'zustand', 'ergebnis', 'urteil', 'bewertung'],
    current: ['final', 'aktuell', 'nach', 'nachher', 'jetzt', 'neu', 'endgültig'],
    earlier: ['initial', 'vorher', 'vor', 'ursprünglich', 'alt'],
    total: ['gesamt', 'insgesamt', 'summe', 'gesamtergebnis', 'zusammenfassung', 'fazit'],
  },
  pt: {
    gate: ['portão', 'portão de qualidade', 'gate'],
    principle: ['princípio', 'princípios', 'principio', 'artigo', 'controle'],
    check: ['verificação', 'checagem', 'critério', 'requisito'],
    name: ['nome', 'título'],
    criteria: ['critério', 'critérios', 'critérios de aceitação', 'requisito', 'requisitos', 'condição'],
    status: ['situação', 'estado', 'resultado', 'veredito', 'avaliação', 'status'],
    current: ['final', 'atual', 'depois', 'após', 'agora', 'último'],
    earlier: ['inicial', 'antes', 'anterior', 'original'],
    total: ['total', 'totais', 'resumo', 'geral', 'global'],
  },
  ru: {
    gate: ['гейт', 'шлюз', 'шлюз качества', 'контрольная точка'],
    principle: ['принцип', 'принципы', 'статья', 'контроль'],
    check: ['проверка', 'критерий', 'требование', 'пункт'],
    name: ['название', 'имя', 'наименование'],
    criteria: ['критерий', 'критерии', 'критерии приемки', 'требование', 'требования', 'условие'],
    status: ['статус', 'состояние', 'результат', 'вердикт', 'оценка'],
    current: ['итоговый', 'итоговое', 'финальный', 'текущий', 'текущее', 'после', 'сейчас', 'последний'],
    earlier: ['исходный', 'исходное', 'начальный', 'до', 'прежний'],
    total: ['итого', 'всего', 'итог', 'сводка', 'общий итог'],
  },
};

/** Every language's words for one header role, lower-cased. */
export function headerWords(role: keyof HeaderWords): string[] {
  return LANGUAGES.flatMap((language) => HEADER_WORDS[language][role]).map((word) => word.toLowerCase());
}
