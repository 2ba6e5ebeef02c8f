/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TEST_INSTANCES_H
#define MEC_PFM_TEST_INSTANCES_H

#include "ns3/mec-scenario.h"
#include "ns3/random-variable-stream.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * Random tiny scenarios for the planner tests (header only, reusable by every suite).
 *
 * Topology: a star. Switch "s" in the middle; the DC and every cloudlet hang on it by one
 * link each. Every route is therefore unique (home - s - other), which lets a test compute
 * bw(u,w) = min of the two link bandwidths and lat(u,w) = sum of the two delays by hand,
 * independently of BackhaulGraph.
 *
 * Catalogue: two tasks. Task "t" has a family with a shared base (LoRA-like: base +
 * private adapter) and, in sharing-heavy instances, a second family with a shared backbone
 * of two blocks and a private top; task "u" has one model without sharing. Sizes are
 * random but of the orders of the default catalogue (GB blocks, MB adapters).
 */

namespace ns3
{
namespace mecpfm
{
namespace test
{

/// Knobs of a random tiny instance.
struct TinyOptions
{
    uint32_t cloudlets{2};    //!< number of cloudlets C
    uint32_t requests{4};     //!< number of requests (before count expansion)
    bool sharingHeavy{false}; //!< add the backbone family: more blocks shared
    double tightness{0};      //!< 0 = roomy, 1 = storage and load bind (DC included)
    bool resident{false};     //!< put random resident blocks at the cloudlets
    bool dcFallback{false};   //!< allow floors that no model meets (DC fallback)
    /// 0: tokens drawn from [100, 2000); k > 0: one of k sizes (500, 1000, ...), so that
    /// requests share per-request loads (the load-group columns of the ILP)
    uint32_t tokenLevels{0};
};

/// Link parameters of the star, kept so that a test can recompute routes by hand.
struct TinyStar
{
    std::vector<double> bw;    //!< per node index: bandwidth of its link to the switch
    std::vector<double> delay; //!< per node index: delay of its link to the switch
};

/**
 * \brief Build a random tiny scenario.
 *
 * Node order: 0 = "dc", 1 = "s" (switch), 2.. = cloudlets "c0", "c1", ... (so cloudlet
 * site i is node i + 2). Link i joins node i + 1 to the switch for the DC (i = 0) and the
 * cloudlets.
 * \param stream the ns-3 random stream that determines the instance
 * \param o knobs
 * \param star if not null, receives the link parameters
 * \return a validated scenario
 */
inline MecScenario
MakeTinyScenario(int64_t stream, const TinyOptions& o, TinyStar* star = nullptr)
{
    Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
    u->SetStream(stream);
    auto uni = [&u](double a, double b) { return u->GetValue(a, b); };
    auto pick = [&u](uint32_t n) { return u->GetInteger(0, n - 1); };

    MecScenario s;
    s.name = "tiny-" + std::to_string(stream);
    s.horizonS = 10;
    s.maxLoad = 0.8;
    s.uplinkBps = 1e8;
    s.downlinkBps = 2e8;

    // Catalogue.
    auto& cat = s.catalogue;
    double baseBytes = uni(2e9, 6e9);
    cat.AddBlock("lora/base", baseBytes);
    cat.AddBlock("lora/a1", uni(1e7, 1e8));
    cat.AddBlock("lora/a2", uni(1e7, 1e8));
    cat.AddBlock("solo/all", uni(1e9, 4e9));
    cat.AddModel(PfmModel{"lora-1", "lora", "t", uni(0.5, 0.8), uni(5e9, 2e10), {}},
                 {"lora/base", "lora/a1"});
    cat.AddModel(PfmModel{"lora-2", "lora", "t", uni(0.6, 0.9), uni(5e9, 2e10), {}},
                 {"lora/base", "lora/a2"});
    cat.AddModel(PfmModel{"solo", "", "u", uni(0.5, 0.9), uni(2e9, 1e10), {}}, {"solo/all"});
    if (o.sharingHeavy)
    {
        cat.AddBlock("bb/bottom1", uni(1e9, 3e9));
        cat.AddBlock("bb/bottom2", uni(1e9, 3e9));
        cat.AddBlock("bb/top1", uni(2e8, 8e8));
        cat.AddBlock("bb/top2", uni(2e8, 8e8));
        cat.AddModel(PfmModel{"bb-1", "bb", "t", uni(0.6, 0.95), uni(1e10, 3e10), {}},
                     {"bb/bottom1", "bb/bottom2", "bb/top1"});
        cat.AddModel(PfmModel{"bb-2", "bb", "u", uni(0.6, 0.95), uni(1e10, 3e10), {}},
                     {"bb/bottom1", "bb/bottom2", "bb/top2"});
        // A model using the LoRA base as well: sharing across tasks.
        cat.AddModel(PfmModel{"lora-u", "lora", "u", uni(0.4, 0.9), uni(5e9, 2e10), {}},
                     {"lora/base", "lora/a1"});
    }

    // Nodes and links: star around the switch.
    double tight = std::min(1.0, std::max(0.0, o.tightness));
    ScenarioNode dc{"dc", NodeRole::DATACENTER, uni(5e12, 2e13), 4, 0, {}};
    ScenarioNode sw;
    sw.id = "s";
    sw.role = NodeRole::SWITCH;
    s.nodes = {dc, sw};
    double biggest = 0;
    for (uint32_t m = 0; m < cat.GetNModels(); ++m)
    {
        biggest = std::max(biggest, cat.GetModelBytes(m));
    }
    for (uint32_t i = 0; i < o.cloudlets; ++i)
    {
        // Roomy: everything fits; tight: about one model.
        double storage =
            tight > 0 ? uni(0.5, 1.6 - tight * 0.5) * biggest : cat.GetTotalUniqueBytes() * 1.1;
        ScenarioNode c;
        c.id = "c" + std::to_string(i);
        c.role = NodeRole::CLOUDLET;
        c.computeFlops = uni(5e12, 3e13);
        c.storageBytes = storage;
        if (o.resident && u->GetValue() < 0.5)
        {
            uint32_t k = pick(cat.GetNBlocks());
            if (cat.GetBlocks()[k].bytes <= storage)
            {
                c.residentBlocks.push_back(k);
            }
        }
        s.nodes.push_back(c);
    }
    s.links.push_back({0, 1, uni(1e9, 1e10), uni(0.01, 0.05)});
    for (uint32_t i = 0; i < o.cloudlets; ++i)
    {
        s.links.push_back({1, i + 2, uni(1e9, 2e10), uni(0.0005, 0.005)});
    }

    // Requests.
    for (uint32_t r = 0; r < o.requests; ++r)
    {
        InferenceRequest q;
        q.id = r;
        q.home = 2 + pick(o.cloudlets);
        q.task = u->GetValue() < 0.7 ? "t" : "u";
        q.minAccuracy = uni(0.0, 0.8);
        if (o.dcFallback && u->GetValue() < 0.15)
        {
            q.minAccuracy = 0.99;
        }
        q.inputBytes = uni(1e3, 1e6);
        q.outputBytes = uni(1e3, 1e5);
        q.tokens = std::floor(uni(100, 2000));
        if (o.tokenLevels > 0)
        {
            // The same draw, mapped to a few sizes: the other fields' draws are unchanged.
            q.tokens = 500.0 * (1 + static_cast<uint32_t>(q.tokens) % o.tokenLevels);
        }
        q.arrivalS = r;
        s.requests.push_back(q);
    }
    // Load: roomy keeps every site able to take all; tight makes capacities bind.
    if (tight > 0)
    {
        double total = 0;
        for (const auto& r : s.requests)
        {
            total += r.tokens * 2e10;
        }
        // Each site can carry a random share of the heaviest conceivable load.
        for (auto& n : s.nodes)
        {
            if (n.role != NodeRole::SWITCH)
            {
                double share = uni(0.25, 1.0 - 0.5 * tight);
                n.computeFlops = total * share / (s.maxLoad * s.horizonS);
            }
        }
    }
    if (star)
    {
        star->bw.assign(s.nodes.size(), 0);
        star->delay.assign(s.nodes.size(), 0);
        for (const auto& l : s.links)
        {
            uint32_t end = l.a == 1 ? l.b : l.a; // the non-switch end
            star->bw[end] = l.bandwidthBps;
            star->delay[end] = l.delayS;
        }
    }
    s.Validate(s.name);
    return s;
}

/**
 * \brief Advance an odometer over every choice of one option per item (exhaustive
 * searches): pick[i] indexes opts[i].
 * \param pick current choice, advanced in place (all zeros again after the last)
 * \param opts per item, its options (each non-empty)
 * \return false once every choice has been visited
 */
template <class Options>
inline bool
NextChoice(std::vector<size_t>& pick, const std::vector<Options>& opts)
{
    size_t i = 0;
    while (i < pick.size() && ++pick[i] == opts[i].size())
    {
        pick[i] = 0;
        ++i;
    }
    return i < pick.size();
}

} // namespace test
} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_TEST_INSTANCES_H */
