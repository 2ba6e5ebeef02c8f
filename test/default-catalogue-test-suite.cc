/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/default-catalogue.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/test.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The default catalogue: its numbers trace back to data/model-facts.csv (read here by a
 * separate CSV scan), it covers the three sharing patterns, and sharing saves storage.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// model,fact -> value, from the facts file.
std::map<std::pair<std::string, std::string>, double>
Facts()
{
    std::map<std::pair<std::string, std::string>, double> out;
    std::ifstream in(MecPfmResolvePath("data/model-facts.csv"));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line))
    {
        // model,fact,value,... ; fact has no comma in the rows used here.
        std::stringstream ss(line);
        std::string model;
        std::string fact;
        std::string value;
        std::getline(ss, model, ',');
        std::getline(ss, fact, ',');
        std::getline(ss, value, ',');
        try
        {
            out[{model, fact}] = std::stod(value);
        }
        catch (const std::exception&)
        {
        }
    }
    return out;
}

/**
 * \ingroup mec-pfm-tests
 * Traceability and sharing patterns.
 */
class DefaultCatalogueTestCase : public TestCase
{
  public:
    DefaultCatalogueTestCase()
        : TestCase("default catalogue: facts, families, sharing patterns")
    {
    }

  private:
    void DoRun() override
    {
        auto f = Facts();
        auto fact = [&f](const std::string& m, const std::string& k) { return f[{m, k}]; };
        ModelCatalogue c = DefaultCatalogue::Build();
        NS_TEST_ASSERT_MSG_GT_OR_EQ(c.GetNModels(), 12, "at least 12 variants");
        std::set<std::string> families;
        for (const auto& m : c.GetModels())
        {
            if (!m.family.empty())
            {
                families.insert(m.family);
            }
        }
        NS_TEST_ASSERT_MSG_GT_OR_EQ(families.size(), 3, "at least 3 families");

        auto bytes = [&c](const std::string& b) { return c.GetBlocks()[c.FindBlock(b)].bytes; };
        // Sizes: parameters x 2 bytes.
        NS_TEST_ASSERT_MSG_EQ_TOL(bytes("llama-2-7b/base"),
                                  fact("llama-2-7b", "parameters") * 1e6 * 2,
                                  1,
                                  "llama-2-7b base");
        NS_TEST_ASSERT_MSG_EQ_TOL(bytes("llama-2-13b/base"),
                                  fact("llama-2-13b", "parameters") * 1e6 * 2,
                                  1,
                                  "llama-2-13b base");
        NS_TEST_ASSERT_MSG_EQ_TOL(bytes("roberta-base/lora-sst2"),
                                  fact("roberta-base", "LoRA trainable parameters") * 1e6 * 2,
                                  1,
                                  "roberta LoRA");
        NS_TEST_ASSERT_MSG_EQ_TOL(bytes("roberta-base/emb-l0-7") + bytes("roberta-base/l8-11"),
                                  125e6 * 2,
                                  1,
                                  "roberta-base split into two blocks");
        // Accuracies and FLOPs.
        const auto& sst2 = c.GetModels()[c.FindModel("roberta-base-lora-sst2")];
        NS_TEST_ASSERT_MSG_EQ_TOL(sst2.accuracy,
                                  fact("roberta-base", "LoRA SST-2") / 100,
                                  1e-12,
                                  "SST-2 accuracy");
        const auto& l7 = c.GetModels()[c.FindModel("llama-2-7b-lora-code")];
        NS_TEST_ASSERT_MSG_EQ_TOL(l7.accuracy, fact("llama-2-7b", "MMLU") / 100, 1e-12, "MMLU");
        NS_TEST_ASSERT_MSG_EQ_TOL(l7.flopsPerToken,
                                  2 * c.GetModelBytes(c.FindModel("llama-2-7b-lora-code")) / 2,
                                  1,
                                  "2 x parameters");

        // Patterns: (a) LoRA: two models share a whole base block and differ by a small
        // one; (b) frozen backbone: two models share a bottom block and hold private top
        // blocks of the same size; (c) a model sharing no block with any other.
        std::map<uint32_t, uint32_t> users;
        for (const auto& m : c.GetModels())
        {
            for (auto k : m.blocks)
            {
                ++users[k];
            }
        }
        bool lora = false;
        bool frozen = false;
        bool alone = false;
        for (uint32_t m = 0; m < c.GetNModels(); ++m)
        {
            const auto& bl = c.GetModels()[m].blocks;
            uint32_t shared = 0;
            double privateBytes = 0;
            for (auto k : bl)
            {
                if (users[k] > 1)
                {
                    ++shared;
                }
                else
                {
                    privateBytes += c.GetBlocks()[k].bytes;
                }
            }
            double total = c.GetModelBytes(m);
            alone = alone || shared == 0;
            lora = lora || (shared > 0 && privateBytes > 0 && privateBytes < 0.01 * total);
            frozen = frozen || (shared > 0 && privateBytes > 0.1 * total);
        }
        NS_TEST_ASSERT_MSG_EQ(lora, true, "LoRA pattern");
        NS_TEST_ASSERT_MSG_EQ(frozen, true, "frozen-backbone pattern");
        NS_TEST_ASSERT_MSG_EQ(alone, true, "no-sharing pattern");
        NS_TEST_ASSERT_MSG_LT(c.GetTotalUniqueBytes(), c.GetTotalModelBytes(), "sharing saves");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The sharing experiment's catalogues: the same (family, task) models built three ways,
 * every model's bytes traced to the facts, and the storage each way needs.
 */
class SharingCatalogueTestCase : public TestCase
{
  public:
    SharingCatalogueTestCase()
        : TestCase("sharing catalogues: same models, bytes from the facts, storage order")
    {
    }

  private:
    /// \return "family/task" of every model
    static std::set<std::string> Pairs(const ModelCatalogue& c)
    {
        std::set<std::string> out;
        for (const auto& m : c.GetModels())
        {
            out.insert(m.family + "/" + m.task);
        }
        return out;
    }

    void DoRun() override
    {
        auto f = Facts();
        auto fact = [&f](const std::string& m, const std::string& k) { return f[{m, k}]; };
        auto params = [&fact](const std::string& m) {
            return fact(m,
                        m == "roberta-base" ? "parameters (full fine-tune trains all)"
                                            : "parameters") *
                   1e6;
        };
        ModelCatalogue lora;
        ModelCatalogue top;
        ModelCatalogue none;
        NS_TEST_ASSERT_MSG_EQ(DefaultCatalogue::BuildNamed("sharing-lora", lora), true, "name");
        NS_TEST_ASSERT_MSG_EQ(DefaultCatalogue::BuildNamed("sharing-backbone", top), true, "");
        NS_TEST_ASSERT_MSG_EQ(DefaultCatalogue::BuildNamed("sharing-none", none), true, "");
        NS_TEST_ASSERT_MSG_EQ(DefaultCatalogue::BuildNamed("sharing-all", none), false, "");
        NS_TEST_ASSERT_MSG_EQ(lora.GetNModels(), 18u, "3 llama-2 x 2 + 2 x 6 GLUE tasks");
        NS_TEST_ASSERT_MSG_EQ((Pairs(lora) == Pairs(top) && Pairs(top) == Pairs(none)),
                              true,
                              "the same (family, task) models");
        // No sharing: one block per model, all the parameters; no block used twice.
        const auto& n = none.GetModels()[none.FindModel("deberta-xxl-full-qqp")];
        NS_TEST_ASSERT_MSG_EQ(n.blocks.size(), 1u, "one block");
        NS_TEST_ASSERT_MSG_EQ_TOL(none.GetModelBytes(none.FindModel("deberta-xxl-full-qqp")),
                                  params("deberta-xxl") * 2,
                                  1,
                                  "full model");
        NS_TEST_ASSERT_MSG_EQ_TOL(none.GetTotalUniqueBytes(),
                                  none.GetTotalModelBytes(),
                                  1,
                                  "nothing shared");
        // LoRA: base + the published adapter; the base shared by the family's tasks.
        NS_TEST_ASSERT_MSG_EQ_TOL(
            lora.GetModelBytes(lora.FindModel("roberta-base-lora-rte")),
            (params("roberta-base") + fact("roberta-base", "LoRA trainable parameters") * 1e6) * 2,
            1,
            "roberta-base LoRA model");
        const auto& sst2 = lora.GetModels()[lora.FindModel("roberta-base-lora-sst2")];
        NS_TEST_ASSERT_MSG_EQ_TOL(sst2.accuracy,
                                  fact("roberta-base", "LoRA SST-2") / 100,
                                  1e-12,
                                  "LoRA accuracy");
        // Backbone: bottom + top = all the parameters; roberta's top = 4 bert-base layers.
        uint32_t m = top.FindModel("roberta-base-top-mnli");
        NS_TEST_ASSERT_MSG_EQ_TOL(top.GetModelBytes(m),
                                  params("roberta-base") * 2,
                                  1,
                                  "bottom + top");
        double h = fact("bert-base", "hidden size");
        NS_TEST_ASSERT_MSG_EQ_TOL(top.GetBlocks()[top.FindBlock("roberta-base/top-mnli")].bytes,
                                  4 * 12 * h * h * 2,
                                  1,
                                  "top 4 layers");
        // Storage for every model at one site: no sharing > backbone > LoRA, and the
        // differences are what sharing saves: (tasks - 1) x the shared block per family.
        NS_TEST_ASSERT_MSG_GT(none.GetTotalUniqueBytes(), top.GetTotalUniqueBytes(), "");
        NS_TEST_ASSERT_MSG_GT(top.GetTotalUniqueBytes(), lora.GetTotalUniqueBytes(), "");
        double saved = 0;
        for (const auto& [fam, tasks] :
             std::vector<std::pair<std::string, double>>{{"llama-2-7b", 2},
                                                         {"llama-2-13b", 2},
                                                         {"llama-2-70b", 2},
                                                         {"roberta-base", 6},
                                                         {"deberta-xxl", 6}})
        {
            saved += (tasks - 1) * params(fam) * 2;
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(lora.GetTotalModelBytes() - lora.GetTotalUniqueBytes(),
                                  saved,
                                  1e3,
                                  "LoRA saves (tasks - 1) bases per family");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The catalogue's suite.
 */
class DefaultCatalogueTestSuite : public TestSuite
{
  public:
    DefaultCatalogueTestSuite()
        : TestSuite("mec-pfm-default-catalogue", UNIT)
    {
        AddTestCase(new DefaultCatalogueTestCase, TestCase::QUICK);
        AddTestCase(new SharingCatalogueTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static DefaultCatalogueTestSuite g_defaultCatalogueTestSuite;

} // namespace
