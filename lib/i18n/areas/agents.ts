// Interface text for the agents screens (Vietnamese first; English has the same keys).
export const agentsVi = {
};

export const agentsEn: typeof agentsVi = {
};
