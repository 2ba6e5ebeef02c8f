/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "trimcaching-greedy-planner.h"

#include "plan-assigner.h"
#include "plan-evaluator.h"

#include "ns3/log.h"

#include <algorithm>
#include <limits>
#include <queue>
#include <set>
#include <tuple>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("TrimcachingGreedyPlanner");

NS_OBJECT_ENSURE_REGISTERED(TrimcachingGreedyPlanner);

TypeId
TrimcachingGreedyPlanner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::TrimcachingGreedyPlanner")
                            .SetParent<PfmPlanner>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<TrimcachingGreedyPlanner>();
    return tid;
}

namespace
{

/// The caching state of the greedy: what each cloudlet holds, and each class's best delay.
class TrimCaching
{
  public:
    /// \param p the problem
    explicit TrimCaching(const PlanningProblem& p)
        : m_p(p),
          m_cur(p.GetClasses().size(), 0),
          m_byModel(p.GetCatalogue().GetNModels()),
          m_open(p.GetNCloudlets()),
          m_held(p.GetNCloudlets(), std::vector<bool>(p.GetCatalogue().GetNBlocks(), false)),
          m_used(p.GetNCloudlets(), 0),
          m_pulls(p.GetNCloudlets(), false)
    {
        // Current delay of each class: its best DC option at first.
        const auto& classes = p.GetClasses();
        for (uint32_t q = 0; q < classes.size(); ++q)
        {
            m_cur[q] = p.GetBestDcCost(q);
            for (auto m : classes[q].candidates)
            {
                if (!classes[q].dcOnly)
                {
                    m_byModel[m].push_back(q);
                }
            }
        }
    }

    /**
     * \brief The greedy on gain per new byte, evaluated lazily but exactly: it makes the
     * choices of the greedy that recomputes every gain at every step.
     *
     * Caching a model at c lowers the classes' current delays, so gains elsewhere only
     * shrink; but at c itself a model sharing its blocks now adds fewer bytes and pulls
     * less, and once c pulls at all no other model there pays the pull latency: those gains
     * can rise. So the heap holds every (model, cloudlet) pair that could ever serve (a
     * non-positive gain now may turn positive later), and after each caching at c every
     * pair at c is re-entered with its gain recomputed (older entries are dropped by their
     * version). Then every key in the heap is an upper bound of its pair's gain per byte,
     * and the top, recomputed, is taken if it still ranks first (ties: larger model, then
     * larger cloudlet), else pushed back with its new key. The greedy stops when the best
     * pair's gain is not positive, or nothing fits.
     */
    void Greedy()
    {
        using Entry = std::tuple<double, uint32_t, uint32_t>; // ratio, m, c

        struct Keyed
        {
            Entry entry;
            uint64_t version;

            bool operator<(const Keyed& o) const
            {
                return entry < o.entry;
            }
        };

        const uint32_t nModels = m_p.GetCatalogue().GetNModels();
        std::vector<std::vector<uint64_t>> version(m_p.GetNCloudlets(),
                                                   std::vector<uint64_t>(nModels, 0));
        std::priority_queue<Keyed> heap;
        auto push = [this, &heap, &version](uint32_t m, uint32_t c) {
            double bytes;
            double gain = Evaluate(m, c, bytes);
            if (m_used[c] + bytes <= m_p.GetStorageBytes(c))
            {
                heap.push(Keyed{Entry(gain / std::max(bytes, 1.0), m, c), version[c][m]});
            }
        };
        for (uint32_t c = 0; c < m_p.GetNCloudlets(); ++c)
        {
            for (uint32_t m = 0; m < nModels; ++m)
            {
                if (!m_byModel[m].empty())
                {
                    push(m, c);
                }
            }
        }
        while (!heap.empty())
        {
            Keyed top = heap.top();
            heap.pop();
            auto [ratio, m, c] = top.entry;
            if (m_open[c].count(m) || top.version != version[c][m])
            {
                continue;
            }
            double bytes;
            double gain = Evaluate(m, c, bytes);
            if (m_used[c] + bytes > m_p.GetStorageBytes(c))
            {
                continue; // the union held at c only grows: it never fits again
            }
            Entry now(gain / std::max(bytes, 1.0), m, c);
            if (!heap.empty() && now < heap.top().entry)
            {
                heap.push(Keyed{now, top.version});
                continue;
            }
            if (gain <= 0)
            {
                break; // the best gain left is not positive: so is every other one
            }
            m_used[c] += bytes;
            Cache(m, c, false);
            // Gains at c may have risen: re-enter every pair there, fresh.
            for (uint32_t o = 0; o < nModels; ++o)
            {
                if (!m_open[c].count(o) && !m_byModel[o].empty())
                {
                    ++version[c][o];
                    push(o, c);
                }
            }
        }
    }

    /**
     * \brief Load repair (our addition: TrimCaching has no compute limit): while the
     * assignment overloads some site (the DC), cache the (model, cloudlet) that could take
     * the most load off the DC (within the cloudlet's spare load) among those that fit; at
     * most 4 x C rounds.
     * \return the plan of the last assignment
     */
    PlacementPlan AssignRepairingLoad()
    {
        PlacementPlan plan = PlanAssigner::AssignBest(m_p, m_open);
        for (uint32_t round = 0;
             round < 4 * m_p.GetNCloudlets() && !PlanEvaluator(m_p).Evaluate(plan).feasible;
             ++round)
        {
            if (!CacheForDc(plan))
            {
                break;
            }
            plan = PlanAssigner::AssignBest(m_p, m_open);
        }
        return plan;
    }

  private:
    /// Net gain of adding m at c, and the bytes it adds (shared blocks counted once).
    double Evaluate(uint32_t m, uint32_t c, double& bytes) const
    {
        const auto& cat = m_p.GetCatalogue();
        const auto& classes = m_p.GetClasses();
        double saved = 0;
        for (auto q : m_byModel[m])
        {
            double d = m_p.GetClassCost(q, m, c);
            if (d < m_cur[q])
            {
                saved += classes[q].GetCount() * (m_cur[q] - d);
            }
        }
        bytes = 0;
        double pull = 0; // pull delay, weighted: + the blocks' prices
        bool pulls = false;
        for (auto k : cat.GetModels()[m].blocks)
        {
            if (!m_held[c][k])
            {
                bytes += cat.GetBlocks()[k].bytes;
                pull += m_p.GetBlockCost(c, k);
                pulls = pulls || m_p.GetBlockPullDelay(c, k) > 0;
            }
        }
        if (pulls && !m_pulls[c])
        {
            pull += m_p.GetPullLatency(c);
        }
        return saved - pull;
    }

    /// Cache m at c: its blocks held, the classes' delays updated; with \p countBytes the
    /// new blocks' bytes are added to the storage used one by one (else the caller adds
    /// them).
    void Cache(uint32_t m, uint32_t c, bool countBytes)
    {
        const auto& cat = m_p.GetCatalogue();
        m_open[c].insert(m);
        for (auto k : cat.GetModels()[m].blocks)
        {
            if (!m_held[c][k])
            {
                m_held[c][k] = true;
                if (countBytes)
                {
                    m_used[c] += cat.GetBlocks()[k].bytes;
                }
                m_pulls[c] = m_pulls[c] || !m_p.IsResident(c, k);
            }
        }
        for (auto q : m_byModel[m])
        {
            m_cur[q] = std::min(m_cur[q], m_p.GetClassCost(q, m, c));
        }
    }

    /// \return whether a model was cached to take load off the DC in \p plan
    bool CacheForDc(const PlacementPlan& plan)
    {
        const auto& cat = m_p.GetCatalogue();
        const auto& classes = m_p.GetClasses();
        const uint32_t nc = m_p.GetNCloudlets();
        // Requests of each class at the DC, spare load of each cloudlet.
        std::vector<double> dcLoad(classes.size(), 0);
        std::vector<double> spare(nc);
        for (uint32_t c = 0; c < nc; ++c)
        {
            spare[c] = m_p.GetLoadCapacity(c);
        }
        for (uint32_t r = 0; r < plan.decisions.size(); ++r)
        {
            const auto& d = plan.decisions[r];
            if (d.rejected)
            {
                continue;
            }
            if (d.site == m_p.GetDcSite())
            {
                dcLoad[m_p.GetRequestClass()[r]] += 1;
            }
            else
            {
                spare[d.site] -= m_p.GetFlops(d.model, m_p.GetScenario().requests[r].tokens);
            }
        }
        double best = 0;
        uint32_t bm = 0;
        uint32_t bc = 0;
        for (uint32_t c = 0; c < nc; ++c)
        {
            for (uint32_t m = 0; m < cat.GetNModels(); ++m)
            {
                if (m_open[c].count(m) || m_byModel[m].empty())
                {
                    continue;
                }
                double bytes;
                Evaluate(m, c, bytes);
                // Load it could take off the DC (even at some delay cost), within the
                // cloudlet's spare load.
                double saved = 0;
                for (auto q : m_byModel[m])
                {
                    saved += dcLoad[q] > 0 ? m_p.GetFlops(m, classes[q].tokens) * dcLoad[q] : 0;
                }
                saved = std::min(saved, spare[c]);
                if (m_used[c] + bytes > m_p.GetStorageBytes(c) || saved <= 0)
                {
                    continue;
                }
                if (saved > best)
                {
                    best = saved;
                    bm = m;
                    bc = c;
                }
            }
        }
        if (best <= 0)
        {
            return false;
        }
        Cache(bm, bc, true);
        return true;
    }

    const PlanningProblem& m_p;                   //!< problem
    std::vector<double> m_cur;                    //!< current delay of each class
    std::vector<std::vector<uint32_t>> m_byModel; //!< classes each model may serve
    std::vector<std::set<uint32_t>> m_open;       //!< models cached per cloudlet
    std::vector<std::vector<bool>> m_held;        //!< blocks held per cloudlet
    std::vector<double> m_used;                   //!< bytes used per cloudlet
    std::vector<bool> m_pulls;                    //!< cloudlet pulls a block
};

} // namespace

PlanResult
TrimcachingGreedyPlanner::Solve(const PlanningProblem& p)
{
    WeightsScope weights(p, GetObjectiveWeights());
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    TrimCaching caching(p);
    caching.Greedy();
    return Finish(p, caching.AssignRepairingLoad(), t0);
}

} // namespace mecpfm
} // namespace ns3
