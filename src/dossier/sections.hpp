#pragma once
// The section documents: what each may hold (validated on every save, all problems at once) and the facts
// the rules read from them.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "dossier/model.hpp"
#include "dossier/rules.hpp"

namespace zp::dossier {

// Parses and checks a section's JSON; returns its canonical text. Problems carry field paths such as
// "entries[0].chsi_code". Throws 400 when the text is not a JSON object.
std::string validate_section(const std::string& section, const std::string& json_text, std::vector<ErrorDetail>& problems);
// Reads the rule facts the sections hold.
void fill_facts(const std::vector<Section>& sections, Facts& f);
// Values checked across people.
std::vector<std::string> chsi_codes(const std::string& education_json);
std::vector<std::string> paper_titles(const std::string& achievements_json);  // normalised: no spaces or punctuation, lower case

}  // namespace zp::dossier
