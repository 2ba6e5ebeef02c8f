/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "type-short-name.h"

#include <algorithm>
#include <cctype>

namespace ns3
{
namespace mecpfm
{

namespace
{
/// The namespace of the module's TypeIds.
const std::string TYPE_PREFIX = "ns3::mecpfm::";
} // namespace

std::string
TypeShortName::ToTypeName(const std::string& shortName, const std::string& suffix)
{
    std::string out = TYPE_PREFIX;
    bool upper = true;
    for (char ch : shortName)
    {
        if (ch == '-' || ch == '_')
        {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
        upper = false;
    }
    return out + suffix;
}

std::string
TypeShortName::ToShortName(const std::string& typeName, const std::string& suffix)
{
    std::string name =
        typeName.substr(TYPE_PREFIX.size(), typeName.size() - TYPE_PREFIX.size() - suffix.size());
    std::string out;
    for (size_t i = 0; i < name.size(); ++i)
    {
        if (std::isupper(static_cast<unsigned char>(name[i])))
        {
            if (i > 0)
            {
                out += '-';
            }
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
        }
        else
        {
            out += name[i];
        }
    }
    return out;
}

std::vector<std::string>
TypeShortName::List(TypeId base, const std::string& suffix)
{
    std::vector<std::string> out;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        TypeId tid = TypeId::GetRegistered(i);
        const std::string& n = tid.GetName();
        if (tid != base && tid.IsChildOf(base) && tid.HasConstructor() &&
            n.rfind(TYPE_PREFIX, 0) == 0 && n.size() > TYPE_PREFIX.size() + suffix.size() &&
            n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
        {
            out.push_back(ToShortName(n, suffix));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace mecpfm
} // namespace ns3
