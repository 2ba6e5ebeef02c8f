/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_JSON_TEXT_H
#define MEC_PFM_JSON_TEXT_H

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Parse the text of a scenario or plan file into JSON, with errors that name the file,
 * the line and the column (ScenarioError) instead of nlohmann-json's bare messages.
 *
 * nlohmann-json reports a number beyond the range of a double (1e309) as
 * out_of_range.406 without a position; its SAX parser has the position, so Parse asks it.
 */
class JsonText
{
  public:
    /**
     * \param text the file's text
     * \param file the file, for errors
     * \return the JSON document
     * \throw ScenarioError on malformed JSON or a number out of range, where = "line L,
     * column C"
     */
    static nlohmann::json Parse(const std::string& text, const std::string& file);
    /**
     * \param text a text
     * \param byte a 1-based byte position in it (nlohmann-json's parse_error::byte)
     * \return "line L, column C" of that byte (both 1-based; columns count bytes)
     */
    static std::string Where(const std::string& text, std::size_t byte);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_JSON_TEXT_H */
