/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "json-text.h"

#include "scenario-error.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("JsonText");

namespace
{
using Json = nlohmann::json;

/// A SAX handler that accepts everything and keeps where the parser stopped and why.
class ErrorPosition : public nlohmann::json_sax<Json>
{
  public:
    std::size_t byte{0}; //!< the parser's position at the error
    std::string token;   //!< the last token read

    bool null() override
    {
        return true;
    }

    bool boolean(bool) override
    {
        return true;
    }

    bool number_integer(number_integer_t) override
    {
        return true;
    }

    bool number_unsigned(number_unsigned_t) override
    {
        return true;
    }

    bool number_float(number_float_t, const string_t&) override
    {
        return true;
    }

    bool string(string_t&) override
    {
        return true;
    }

    bool binary(binary_t&) override
    {
        return true;
    }

    bool start_object(std::size_t) override
    {
        return true;
    }

    bool key(string_t&) override
    {
        return true;
    }

    bool end_object() override
    {
        return true;
    }

    bool start_array(std::size_t) override
    {
        return true;
    }

    bool end_array() override
    {
        return true;
    }

    bool parse_error(std::size_t position,
                     const std::string& last,
                     const nlohmann::detail::exception&) override
    {
        byte = position;
        token = last;
        return false;
    }
};

/**
 * \param what an nlohmann-json exception's message
 * \return it without the "[json.exception.kind.N] " prefix
 */
std::string
Reason(const std::string& what)
{
    const auto syntax = what.find("syntax error");
    if (syntax != std::string::npos)
    {
        return what.substr(syntax);
    }
    const auto end = what.find("] ");
    return end == std::string::npos ? what : what.substr(end + 2);
}
} // namespace

std::string
JsonText::Where(const std::string& text, std::size_t byte)
{
    std::size_t line = 1;
    std::size_t col = 1;
    const std::size_t upto = std::min<std::size_t>(byte > 0 ? byte - 1 : 0, text.size());
    for (std::size_t i = 0; i < upto; ++i)
    {
        if (text[i] == '\n')
        {
            ++line;
            col = 1;
        }
        else
        {
            ++col;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

Json
JsonText::Parse(const std::string& text, const std::string& file)
{
    try
    {
        return Json::parse(text);
    }
    catch (const Json::parse_error& e)
    {
        throw ScenarioError(file, Where(text, e.byte), "malformed JSON: " + Reason(e.what()));
    }
    catch (const Json::exception& e)
    {
        // out_of_range.406, a number beyond a double (about 1.8e308): no position in e.
        ErrorPosition at;
        Json::sax_parse(text, &at);
        std::string reason = Reason(e.what());
        std::size_t byte = at.byte;
        if (e.id == 406)
        {
            reason = "number out of range (a double reaches about 1.8e308): " + at.token;
            // The parser stops on the number's last character: name its first.
            byte = at.byte + 1 > at.token.size() ? at.byte + 1 - at.token.size() : at.byte;
        }
        throw ScenarioError(file, Where(text, byte), reason);
    }
}

} // namespace mecpfm
} // namespace ns3
