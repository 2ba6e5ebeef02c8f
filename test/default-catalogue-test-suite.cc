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
 * The catalogue's suite.
 */
class DefaultCatalogueTestSuite : public TestSuite
{
  public:
    DefaultCatalogueTestSuite()
        : TestSuite("mec-pfm-default-catalogue", UNIT)
    {
        AddTestCase(new DefaultCatalogueTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static DefaultCatalogueTestSuite g_defaultCatalogueTestSuite;

} // namespace
