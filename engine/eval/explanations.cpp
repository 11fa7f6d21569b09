// engine/eval: the engine's own explanations, one table per language (see explanations.hpp).
// The Japanese is written for the IT staff of a Japanese hospital: the words of the
// document (対応表, 端末, 収集データ), polite and short.
#include "engine/eval/explanations.hpp"

#include <array>
#include <utility>

namespace tekigo::engine {

namespace {

struct Entry {
  Phrase key;
  std::string_view en, ja;
};

using P = Phrase;
constexpr Entry kTable[] = {
    {P::not_in_force, "not in force as of {0}: in force {1}",
     "{0} の時点では適用期間外です（適用期間: {1}）"},
    {P::in_force_no_check_date, "cannot decide: no check date was given (the rule is in force {0})",
     "判定できません: 確認日が指定されていません（この要件の適用期間: {0}）"},
    {P::does_not_apply, "does not apply to this terminal", "この端末には該当しません"},
    {P::cannot_decide_absent, "cannot decide: the dump has no {0}",
     "判定できません: 収集データに {0} がありません"},
    {P::cannot_decide_absent_date, "cannot decide: the dump has no {0}; no check date was given",
     "判定できません: 収集データに {0} がなく、確認日も指定されていません"},
    {P::cannot_decide_no_date, "cannot decide: no check date was given",
     "判定できません: 確認日が指定されていません"},
    {P::cannot_decide_unsettled, "cannot decide: the facts given do not settle it",
     "判定できません: 収集データだけでは判定がつきません"},
    {P::absent_added_later, ": that field was added in {0}, and {1}",
     "。この項目は {0} で追加されたもので、{1}"},
    {P::absent_named_added_later, "; `{0}` was added in {1}, and {2}",
     "。`{0}` は {1} で追加された項目で、{2}"},
    {P::dump_written_to, "this dump was written to {0}", "この収集データは {0} で書かれています"},
    {P::dump_written_to_by, "this dump was written by \"{1}\" to {0}",
     "この収集データは「{1}」が {0} で書いたものです"},
    {P::schema_without_minor, "{0}, which names no minor (1.0, or a writer that does not say)",
     "{0}（マイナー版の記載なし: 1.0 か、版を記さない収集ツール）"},
    {P::collected_from_version, "; collectors from tekigo {0} ({1}) collect it",
     "。tekigo {0} 以降の収集ツール（{1}）で収集できます"},
    {P::declared_by_facility, "; no collector writes it: the facility declares it",
     "。収集ツールでは収集せず、施設が記入する項目です"},
    {P::no_check_date_too, "; no check date was given", "。確認日も指定されていません"},
    {P::attested_by_person, "attested by a person", "担当者による確認"},
    {P::not_set, "not set", "未指定"},
    {P::list_none_matching, "{0} (none matching)", "{0}（該当なし）"},
    {P::list_all_matching, "{0} (all matching)", "{0}（すべて該当）"},
    {P::entries_none_matching, "{0} entries, none matching", "{0} 件、該当なし"},
    {P::entries_all_matching, "{0} entries, all matching", "{0} 件、すべて該当"},
    {P::entry_not_matching, "1 entry, not matching", "1 件、該当なし"},
    {P::entry_matching, "1 entry, matching", "1 件、該当"},
    {P::checked_before_effective,
     "checked as of {0}, before the policy's effective date {1}: this revision is not in force "
     "yet",
     "確認日 {0} は本ポリシーの施行日 {1} より前です。この版はまだ施行されていません"},
    {P::collected_before_effective,
     "collected on {0} (collected.at), before the policy's effective date {1}: its facts may "
     "predate this revision; collect them again",
     "収集日 {0}（collected.at）は本ポリシーの施行日 {1} より前です。収集データが古い可能性が"
     "あるため、収集し直してください"},
    {P::reconciled_release,
     "{0} \"{1}\" read as \"{2}\", the release of {3} \"{4}\": \"{1}\" is the registry's "
     "ReleaseId, frozen from 20H2 on, not the release (the collector should report "
     "DisplayVersion)",
     "{0} の \"{1}\" は {3} \"{4}\" のリリース \"{2}\" として読みました（\"{1}\" はレジストリの "
     "ReleaseId で、20H2 以降は変わらないためリリースを表しません。収集ツールは DisplayVersion "
     "を報告してください）"},
    {P::manual_to_check, "{0} — to be checked by a person (no attested fact given)",
     "{0}（担当者による確認が必要です。確認結果がまだ入力されていません）"},
    {P::not_met, "not met: {0}", "要件を満たしていません: {0}"},
    {P::row_named, "row {0}", "第 {0} 項"},
    {P::row_titled, "row {0} ({1})", "第 {0} 項（{1}）"},
    {P::row_supported, "supported: {0}", "対応しています: {0}"},
    {P::row_supported_warning, "supported with a warning: {0}",
     "対応していますが注意があります: {0}"},
    {P::row_warning, "{0}: {1}", "{0}: {1}"},
    {P::row_no_browser, "the OS matches {0}, but none of its browsers is installed (needs {1})",
     "OS は{0}に該当しますが、対応するブラウザがインストールされていません（必要: {1}）"},
    {P::row_low_disk, "the OS and browser match {0}, but free disk space is below {1}",
     "OS とブラウザは{0}に該当しますが、ディスクの空き容量が {1} に足りません"},
    {P::row_when_fails, "{0} does not admit this terminal: {1}",
     "{0}の条件をこの端末は満たしていません: {1}"},
    {P::row_all_but, "the OS matches {0} except {1}", "OS は{0}に該当しますが、{1}が対象外です"},
    {P::miss_release, "its release (needs {0})", "リリース（必要: {0}）"},
    {P::miss_service_pack, "its service pack (needs {0} or later)",
     "サービスパック（必要: {0} 以降）"},
    {P::miss_edition, "its edition ({0} is excluded)", "エディション（{0} は対象外）"},
    {P::miss_edition_or, " or ", "・"},
    {P::not_in_matrix, "the OS is not in the support matrix ({0})",
     "この OS は動作環境の対応表にありません（{0}）"},
    {P::dns_not_looked_up, "`{0}` was not looked up (the dump has no dns entry for it)",
     "`{0}` の名前解決は確認されていません（収集データに DNS の記録がありません）"},
    {P::dns_only_proxy,
     "`{0}` resolves only through the proxy; it must resolve directly (DNS or hosts file)",
     "`{0}` はプロキシ経由でしか名前解決できません。DNS または hosts ファイルで直接解決できる"
     "必要があります"},
    {P::dns_no_resolve, "`{0}` does not resolve on this terminal",
     "この端末では `{0}` を名前解決できません"},
    {P::dns_documented, "`{0}` resolves to the documented address {1}",
     "`{0}` は記載どおりのアドレス {1} に解決されます"},
    {P::dns_other_addresses,
     "`{0}` resolves, but not to the documented address {1} (addresses may change: confirm the "
     "new one)",
     "`{0}` は名前解決できますが、記載のアドレス {1} ではありません（アドレスが変わった可能性"
     "があります。新しいアドレスを確認してください）"},
    {P::dns_resolves, "`{0}` resolves", "`{0}` を名前解決できます"},
    {P::flow_blocked, "{0} to {1} is blocked", "{1} への {0} の通信が遮断されています"},
    {P::flow_not_probed, "{0} to {1} was not probed, or the probe failed",
     "{1} への {0} の通信は確認されていないか、確認に失敗しました"},
    {P::flow_passes, "{0} to {1} pass", "{1} への {0} の通信は通ります"},
    {P::flow_passes_purpose, "{0} to {1} pass ({2})", "{1} への {0} の通信は通ります（{2}）"},
    {P::forbid_installed, "installed: {0}", "インストールされています: {0}"},
    {P::forbid_present, "present: {0}", "該当があります: {0}"},
    {P::forbid_none, "none present: {0}", "該当はありません: {0}"},
    {P::line_recommended, "recommended line: {0}", "推奨回線です: {0}"},
    {P::line_usable, "usable with a caveat: {0}", "条件付きで使用できる回線です: {0}"},
    {P::line_unusable, "not usable: {0}", "使用できない回線です: {0}"},
    {P::line_exception, "{0} (exception applies)", "{0}（例外に該当します）"},
    {P::line_not_allowed, "the line type is not one the document allows",
     "この回線種別は要件で認められていません"},
};

constexpr std::size_t kCount = static_cast<std::size_t>(P::line_not_allowed) + 1;
static_assert(std::size(kTable) == kCount, "one row per Phrase");

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(kTable); ++i)
    if (static_cast<std::size_t>(kTable[i].key) != i) return false;
  return true;
}
static_assert(in_enum_order(), "the table lists the phrases in the order of the enum");

constexpr std::array<Phrase, kCount> kAll = [] {
  std::array<Phrase, kCount> out{};
  for (std::size_t i = 0; i < kCount; ++i) out[i] = kTable[i].key;
  return out;
}();

}  // namespace

std::span<const Phrase> all_phrases() {
  return kAll;
}

std::string_view phrase_pattern(Phrase p, Lang lang) {
  const Entry& e = kTable[static_cast<std::size_t>(p)];
  return lang == Lang::ja ? e.ja : e.en;
}

LocalText join(const std::vector<LocalText>& texts, std::string_view sep) {
  LocalText out;
  for (Lang lang : {Lang::en, Lang::ja}) {
    std::string& s = lang == Lang::ja ? out.ja : out.en;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (i) s += sep;
      s += texts[i].in(lang);
    }
  }
  return out;
}

}  // namespace tekigo::engine
