/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TYPE_SHORT_NAME_H
#define MEC_PFM_TYPE_SHORT_NAME_H

#include "ns3/object-factory.h"
#include "ns3/ptr.h"
#include "ns3/type-id.h"

#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The command line's short names of the module's pluggable objects: "nearest-greedy"
 * with suffix "Planner" is the TypeId ns3::mecpfm::NearestGreedyPlanner, "home-greedy" with
 * suffix "Policy" is ns3::mecpfm::HomeGreedyPolicy.
 */
class TypeShortName
{
  public:
    /**
     * \param shortName a short name ("nearest-greedy")
     * \param suffix the kind's suffix ("Planner")
     * \return the TypeId name ("ns3::mecpfm::NearestGreedyPlanner")
     */
    static std::string ToTypeName(const std::string& shortName, const std::string& suffix);
    /**
     * \param typeName a TypeId name of the module ending in suffix
     * \param suffix the kind's suffix
     * \return the short name
     */
    static std::string ToShortName(const std::string& typeName, const std::string& suffix);
    /**
     * \param base the kind's base TypeId
     * \param suffix the kind's suffix
     * \return the short names of every registered, constructible subclass of base in the
     * module's namespace whose name ends in suffix, sorted
     */
    static std::vector<std::string> List(TypeId base, const std::string& suffix);

    /**
     * \brief Create an object by short name or TypeId name.
     * \param name the name (a name with "::" is taken as a TypeId name)
     * \param suffix the kind's suffix
     * \return the object, or nullptr if no constructible subclass of T has that name
     */
    template <typename T>
    static Ptr<T> Create(const std::string& name, const std::string& suffix)
    {
        TypeId tid;
        std::string typeName =
            name.find("::") != std::string::npos ? name : ToTypeName(name, suffix);
        if (!TypeId::LookupByNameFailSafe(typeName, &tid) || !tid.IsChildOf(T::GetTypeId()) ||
            !tid.HasConstructor())
        {
            return nullptr;
        }
        ObjectFactory factory;
        factory.SetTypeId(tid);
        return factory.Create<T>();
    }
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_TYPE_SHORT_NAME_H */
