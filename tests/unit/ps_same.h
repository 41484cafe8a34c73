/* ps_same.h: the unit tests' exact comparison of two Monte Carlo results. */
#ifndef PS_SAME_H
#define PS_SAME_H

#include "ps_test.h"
#include "ps_result.h"

/* Every count and moment of two results, compared exactly (the same bits). */
static void expect_same(const ps_result *a, const ps_result *b)
{
    EXPECT(a && b);
    if (!a || !b) return;
    EXPECT_INT(a->runs, b->runs);
    EXPECT_INT(a->comprehensive, b->comprehensive);
    for (int i = 0; i < 3; i++) EXPECT_INT(a->outcome[i], b->outcome[i]);
    for (int k = 0; k < a->nissues; k++) {
        EXPECT_INT(a->issue[k].settled, b->issue[k].settled);
        EXPECT_INT(a->issue[k].implemented, b->issue[k].implemented);
        EXPECT_INT(a->issue[k].breakdowns, b->issue[k].breakdowns);
        EXPECT(a->issue[k].terms.mean == b->issue[k].terms.mean);
        for (int t = 0; t <= a->rounds; t++) EXPECT_INT(a->issue[k].by_round[t], b->issue[k].by_round[t]);
    }
    EXPECT(a->front.mean == b->front.mean);
    EXPECT(a->front.m2 == b->front.m2);
    EXPECT(a->war_rounds.mean == b->war_rounds.mean);
    for (int i = 0; i < a->nparties; i++) EXPECT_INT(a->refusals[i], b->refusals[i]);
}

#endif
